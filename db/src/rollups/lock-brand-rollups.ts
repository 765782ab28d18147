import { sql, type RawBuilder } from 'kysely';
import type { DatabaseTransaction } from '../client.ts';

// An arbitrary constant naming Earshot's rollup locks among the database's advisory locks.
const ROLLUP_LOCK_SPACE = 0x524f4c4c; // "ROLL"

/**
 * Takes the transaction-scoped advisory lock on a brand's rollups: `shared` for the live path
 * (analyze and corrections, which add to rows and may run side by side), `exclusive` for a
 * rebuild, which deletes and recounts rows and must see no write of the brand in flight. Without
 * it, a correction could update a row a concurrent rebuild just replaced, and count nothing.
 */
export async function lockBrandRollups(trx: DatabaseTransaction, brandId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await sql`select ${rollupLockSql(brandId, mode)}`.execute(trx);
}

/** The lock call as an expression, for statements that take it along with other work. */
export function rollupLockSql(brandId: string, mode: 'shared' | 'exclusive'): RawBuilder<unknown> {
  const fn = mode === 'shared' ? sql.raw('pg_advisory_xact_lock_shared') : sql.raw('pg_advisory_xact_lock');
  return sql`${fn}(${ROLLUP_LOCK_SPACE}::int, hashtext(${brandId}::text))`;
}
