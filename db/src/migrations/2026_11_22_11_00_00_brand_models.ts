import { sql, type Kysely } from 'kysely';

// A brand's own adjustment of the sentiment model, learnt from its agents' corrections
// (worker/src/brand-models). One row a brand, replaced by each retrain. `base_model` is the
// fingerprint of the model it was trained on: after a global retrain it no longer applies and
// is trained again. `labels_until` is the newest correction it learnt from, so a worker can
// tell when a brand has corrections its model has not seen.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('brand_models')
    .addColumn('brand_id', 'uuid', (c) => c.primaryKey().references('brands.id').onDelete('cascade'))
    .addColumn('base_model', 'text', (c) => c.notNull())
    .addColumn('overlay', 'jsonb', (c) => c.notNull())
    .addColumn('labels', 'integer', (c) => c.notNull())
    .addColumn('confirmations', 'integer', (c) => c.notNull())
    .addColumn('evaluation', 'jsonb', (c) => c.notNull())
    .addColumn('labels_until', 'timestamptz')
    .addColumn('trained_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('brand_models').ifExists().execute();
}
