import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './client.ts';
import { testDatabaseUrl } from './testing/test-db.ts';

describe('createDb', () => {
  it('turns parallel query off on its connections, unless the URL turns it back on', async () => {
    const setting = async (url: string) => {
      const db = createDb({ url, max: 1 });
      try {
        return (await sql<{ v: string }>`select current_setting('max_parallel_workers_per_gather') as v`.execute(db)).rows[0]!.v;
      } finally {
        await db.destroy();
      }
    };
    expect(await setting(testDatabaseUrl)).toBe('0');
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', '-c max_parallel_workers_per_gather=2');
    expect(await setting(url.toString())).toBe('2');
  });
});
