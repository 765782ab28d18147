import type { Kysely } from 'kysely';
import type { Brand, DB } from '../schema.ts';

/** Every brand by name. */
export async function listBrands(db: Kysely<DB>): Promise<Brand[]> {
  return db.selectFrom('brands').selectAll().orderBy('name').execute();
}
