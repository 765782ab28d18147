import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';

export interface NewStreamInput {
  brandId: string;
  platform: string;
  name: string;
  /** Already validated by the platform adapter's query schema. */
  query: unknown;
  pollIntervalMs?: number;
  readBudgetMonthly?: number | null;
}

/** Creates a stream; returns it. */
export async function insertStream(db: Database, input: NewStreamInput): Promise<Stream> {
  return db
    .insertInto('streams')
    .values({
      brand_id: input.brandId,
      platform: input.platform,
      name: input.name,
      query: JSON.stringify(input.query),
      ...(input.pollIntervalMs ? { poll_interval_ms: input.pollIntervalMs } : {}),
      read_budget_monthly: input.readBudgetMonthly ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
