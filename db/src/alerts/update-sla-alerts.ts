import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Sets the message, total and details of many open SLA alerts in one statement (UPDATE … FROM
 * VALUES); returns how many changed. Rows by primary key.
 */
export async function updateSlaAlerts(
  db: Database,
  changes: { id: string; message: string; total: number; details: unknown }[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const values = sql.join(
    changes.map((c) => sql`(${c.id}::uuid, ${c.message}, ${c.total}::int, ${JSON.stringify(c.details)}::jsonb)`),
  );
  const result = await sql`
    update alerts a set message = v.message, total = v.total, details = v.details, updated_at = now()
    from (values ${values}) as v(id, message, total, details)
    where a.id = v.id and a.resolved_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
