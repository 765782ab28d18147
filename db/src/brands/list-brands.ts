import type { Brand } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every brand by name. */
export async function listBrands(db: Database): Promise<Brand[]> {
  return db.selectFrom('brands').selectAll().orderBy('name').execute();
}
