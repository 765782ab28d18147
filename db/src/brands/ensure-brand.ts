import type { Brand } from '../schema.ts';
import type { Database } from '../client.ts';

/** Creates a brand, or returns the existing one with that name. Unique index on name. */
export async function ensureBrand(db: Database, name: string): Promise<Brand> {
  await db.insertInto('brands').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return db.selectFrom('brands').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}
