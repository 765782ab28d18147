import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';

/**
 * Runs report queries in a transaction with settings for scanning a brand-week: JIT off (on a
 * million-row scan PostgreSQL spent 2.5 s compiling for a 1 s query) and room to sort in memory.
 * `set_config(…, true)` lasts only for this transaction, so pooled connections are unchanged.
 */
export async function withReportSettings<T>(
  db: Database,
  run: (trx: DatabaseTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true), set_config('work_mem', '128MB', true)`.execute(
      trx,
    );
    return run(trx);
  });
}
