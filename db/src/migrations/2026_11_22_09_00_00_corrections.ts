import { sql, type Kysely } from 'kysely';

// Agents overrule the model's sentiment, intent or priority. Each overrule is kept (not just
// the latest value on the mention) so we can measure how often the model is right per brand
// and feed the human labels back into training.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('corrections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mention_id', 'uuid', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    // A departed agent's corrections stay useful as labels.
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('field', 'text', (c) => c.notNull().check(sql`field in ('sentiment', 'intent', 'priority')`))
    .addColumn('model_value', 'text', (c) => c.notNull())
    .addColumn('corrected_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Serves per-brand listings and exports in time order.
  await db.schema.createIndex('corrections_brand_created_idx').on('corrections').columns(['brand_id', 'created_at']).execute();
  // Serves "the latest correction of this field of this mention" and the cascade from mentions.
  await db.schema
    .createIndex('corrections_mention_field_idx')
    .on('corrections')
    .columns(['mention_id', 'field', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corrections').ifExists().execute();
}
