import type { Kysely } from 'kysely';

// Optional access limited to some brands, per user and per API token. No rows means every
// brand; a token with rows is limited to them and, on every use, to its user's brands too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_brands')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_brands_pkey', ['user_id', 'brand_id'])
    .execute();
  await db.schema
    .createTable('api_token_brands')
    .addColumn('token_id', 'uuid', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('api_token_brands_pkey', ['token_id', 'brand_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_token_brands').ifExists().execute();
  await db.schema.dropTable('user_brands').ifExists().execute();
}
