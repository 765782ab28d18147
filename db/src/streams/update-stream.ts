import type { Database } from '../client.ts';
import type { Stream } from '../schema.ts';

export interface StreamPatch {
  name?: string;
  enabled?: boolean;
  /** Already validated by the platform's query rules. */
  query?: unknown;
  pollIntervalMs?: number;
  readBudgetMonthly?: number | null;
}

/**
 * Changes a stream; returns it, or undefined if it does not exist. A changed query starts
 * from a fresh cursor, and re-enabling clears the failure so health starts over. Primary key.
 */
export async function updateStream(db: Database, id: string, patch: StreamPatch): Promise<Stream | undefined> {
  return db
    .updateTable('streams')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.enabled === true ? { failing_since: null } : {}),
      ...(patch.query !== undefined ? { query: JSON.stringify(patch.query), cursor: null } : {}),
      ...(patch.pollIntervalMs !== undefined ? { poll_interval_ms: patch.pollIntervalMs } : {}),
      ...(patch.readBudgetMonthly !== undefined ? { read_budget_monthly: patch.readBudgetMonthly } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
