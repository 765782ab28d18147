import { sql } from 'kysely';
import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Takes the stream's poll lease for `leaseMs` if no other poll holds it, so two collector
 * processes never poll one stream at once. Returns the stream, or undefined when it is
 * disabled, unknown or already being polled. A crashed poller's lease simply expires.
 * Primary key.
 */
export async function leaseStream(db: Database, id: string, leaseMs: number): Promise<Stream | undefined> {
  return db
    .updateTable('streams')
    .set({ poll_lease_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`, last_poll_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('enabled', '=', true)
    .where((eb) => eb.or([eb('poll_lease_until', 'is', null), eb('poll_lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}
