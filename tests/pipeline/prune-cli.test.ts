import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, insertCorrection, migrateToLatest, rebuildBrandRollups, type Database } from '@earshot/db';
import { buildMention } from '@earshot/db/testing';
import { createTestDatabase } from '../support/child-earshot.ts';
import { runEarshot as earshot } from '../support/run-cli.ts';


const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('npx earshot prune --before DATE [--dry-run] [--out FILE]', { timeout: 180_000 }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let env: Record<string, string>;
  let dir: string;
  let brandIds: string[];
  const oldIds: string[] = [];
  const keptIds: string[] = [];
  let rollupsBefore: unknown[];

  const rollups = async () => (await sql`select * from rollup_hours order by brand_id, bucket, platform`.execute(db)).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
    db = createDb({ url: database.url, max: 2 });
    await migrateToLatest(db);
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-prune-'));
    brandIds = (await db.insertInto('brands').values([{ name: 'Acme' }, { name: 'Globex' }]).returning('id').execute()).map((b) => b.id);
    const agent = (await db.insertInto('users').values({ email: 'ann@example.test', name: 'Ann', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    // Five mentions before 2025-11-01 over two brands, three after it.
    const rows = [
      ...['2025-09-03', '2025-10-10', '2025-10-31'].map((d) => buildMention(brandIds[0]!, { posted_at: day(d), sla_due_at: day(d) })),
      ...['2025-10-01', '2025-10-02'].map((d) => buildMention(brandIds[1]!, { posted_at: day(d), sla_due_at: day(d) })),
      ...['2025-11-01', '2026-01-05'].map((d) => buildMention(brandIds[0]!, { posted_at: day(d), sla_due_at: day(d) })),
      buildMention(brandIds[1]!, { posted_at: day('2025-11-02'), sla_due_at: day('2025-11-02') }),
    ];
    const ids = (await db.insertInto('mentions').values(rows).returning(['id', 'posted_at']).execute()).map((m) => m.id);
    oldIds.push(...ids.slice(0, 5));
    keptIds.push(...ids.slice(5));
    await db
      .insertInto('replies')
      .values([
        { mention_id: oldIds[1]!, user_id: agent, text: 'Sorry, on it', idempotency_key: 'k1', state: 'sent', sent_at: day('2025-10-10') },
        { mention_id: keptIds[0]!, user_id: agent, text: 'Kept reply', idempotency_key: 'k2', state: 'sent', sent_at: day('2025-11-01') },
      ])
      .execute();
    await insertCorrection(db, { mention_id: oldIds[3]!, brand_id: brandIds[1]!, user_id: agent, field: 'sentiment', model_value: 'negative', corrected_value: 'neutral' });
    for (const b of brandIds) await rebuildBrandRollups(db, b, new Date('2025-09-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    rollupsBefore = await rollups();
    expect(rollupsBefore.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a malformed date and an archive that exists, changing nothing', async () => {
    const bad = await earshot(['prune', '--before', '2025-02-30'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--before must be a UTC date such as 2025-12-01, not "2025-02-30"');
    const existing = path.join(dir, 'exists.jsonl.gz');
    writeFileSync(existing, 'keep me');
    const clash = await earshot(['prune', '--before', '2025-11-01', '--out', existing], env);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('already exists');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from mentions`.execute(db)).rows[0]!.n)).toBe(8);
  });

  it('says in a dry run how many it would prune, and prunes nothing', async () => {
    const dry = await earshot(['prune', '--before', '2025-11-01', '--dry-run'], env);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('Dry run: prune would archive and delete 5 mentions posted before 2025-11-01, with 1 replies and 1 corrections (the oldest posted 2025-09-03). Rollups stay. Nothing was changed.\n');
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from mentions`.execute(db)).rows[0]!.n)).toBe(8);
  });

  it('archives the old mentions with their replies and corrections, then deletes them in batches; rollups stay', async () => {
    const out = path.join(dir, 'archive.jsonl.gz');
    const run = await earshot(['prune', '--before', '2025-11-01', '--out', out, '--batch', '2'], env);
    expect(run.code).toBe(0);
    // Not a terminal: one line per batch (Acme 2 + 1, Globex 2).
    expect(run.stderr.trim().split('\n').map((l) => /^prune batch \d+: (\w+): (\d+) mentions/.exec(l)?.slice(1).join(' '))).toEqual(['Acme 2', 'Acme 1', 'Globex 2']);
    expect(run.stdout).toMatch(/^Archived 5 mentions posted before 2025-11-01, with 1 replies and 1 corrections, to .*archive\.jsonl\.gz, and deleted them in 3 batches/);

    const lines = gunzipSync(readFileSync(out)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { mention: { id: string; posted_at: string }; replies: { text: string }[]; corrections: { corrected_value: string }[] });
    expect(lines.map((l) => l.mention.id).sort()).toEqual([...oldIds].sort());
    expect(lines.find((l) => l.mention.id === oldIds[1])!.replies.map((r) => r.text)).toEqual(['Sorry, on it']);
    expect(lines.find((l) => l.mention.id === oldIds[3])!.corrections.map((c) => c.corrected_value)).toEqual(['neutral']);
    expect(lines.every((l) => l.mention.posted_at < '2025-11-01')).toBe(true);

    const left = await db.selectFrom('mentions').select('id').execute();
    expect(left.map((m) => m.id).sort()).toEqual([...keptIds].sort());
    expect((await db.selectFrom('replies').select('text').execute()).map((r) => r.text)).toEqual(['Kept reply']);
    expect(await db.selectFrom('corrections').select('id').execute()).toEqual([]);
    expect(await rollups()).toEqual(rollupsBefore);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'mentions.pruned').execute();
    expect(audit.map((a) => [a.actor_label, a.details.mentions, a.details.before])).toEqual([['cli', 5, '2025-11-01']]);

    const again = await earshot(['prune', '--before', '2025-11-01', '--out', path.join(dir, 'second.jsonl.gz')], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No mentions were posted before 2025-11-01: nothing to prune, no archive written.\n');
  });
});
