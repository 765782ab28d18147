import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Takes the transaction-scoped lock that makes SLA alert ticks run one at a time across every
 * worker; false when another transaction holds it. Must run inside a transaction.
 */
export async function tryLockSlaTick(trx: Database): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext('earshot:sla-tick')) as locked`.execute(trx);
  return rows[0]?.locked === true;
}
