import type { Correction, NewCorrection } from '../schema.ts';
import type { Database } from '../client.ts';

/** Records one agent overrule and returns the stored row. */
export async function insertCorrection(db: Database, row: NewCorrection): Promise<Correction> {
  return db.insertInto('corrections').values(row).returningAll().executeTakeFirstOrThrow();
}
