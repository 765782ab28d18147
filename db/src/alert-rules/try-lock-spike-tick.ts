import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Takes the transaction-scoped lock that makes detection ticks run one at a time across every
 * worker (a second tick started meanwhile skips instead of judging the same minute twice).
 * Returns false when another transaction holds it. Must run inside a transaction. Keyed by schema too: advisory locks are database-wide, and
 * installs (or tests) that share a database in separate schemas must not skip each other's ticks.
 */
export async function tryLockSpikeTick(trx: Database): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext('earshot:spike-tick:' || current_schema())) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
