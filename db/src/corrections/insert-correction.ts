import type { Kysely } from 'kysely';
import type { Correction, DB, NewCorrection } from '../schema.ts';

/** Records one agent overrule and returns the stored row. */
export async function insertCorrection(db: Kysely<DB>, row: NewCorrection): Promise<Correction> {
  return db.insertInto('corrections').values(row).returningAll().executeTakeFirstOrThrow();
}
