import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Sets `sla_due_at` of many mentions in one statement (UPDATE … FROM (VALUES …)); returns how
 * many rows changed. Keep batches to a few thousand rows: each row is two bind parameters.
 * Primary key lookups.
 */
export async function updateMentionDeadlines(db: Database, rows: { id: string; slaDueAt: Date }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.slaDueAt.toISOString()}::timestamptz)`));
  const result = await db
    .updateTable('mentions')
    .from(sql<{ id: string; due: Date }>`(values ${values})`.as<'v'>(sql`v(id, due)`))
    .set((eb) => ({ sla_due_at: eb.ref('v.due') }))
    .whereRef('mentions.id', '=', 'v.id')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
