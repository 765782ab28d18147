import { sql, type Kysely } from 'kysely';

// Weekly reports (worker/src/reports). A report is stored as the JSON it was shown as, so a
// report of an old week reads the same later even after corrections, new replies or a changed
// SLA policy; several snapshots of one period may exist (regenerated on purpose), the newest wins.
// The indexes serve the report's scans of one brand's period on a brand-week of a million rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('generated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addCheckConstraint('reports_period_check', sql`period_start < period_end`)
    .execute();
  await db.schema
    .createIndex('reports_brand_period_idx')
    .on('reports')
    .columns(['brand_id', 'period_start', 'period_end', 'generated_at'])
    .execute();

  // A brand's mentions of a period, for every count in the report (day, sentiment, platform).
  await db.schema
    .createIndex('mentions_brand_posted_idx')
    .on('mentions')
    .columns(['brand_id', 'posted_at'])
    .execute();
  // First response of each mention: its earliest sent reply and who sent it, without the heap.
  await sql`create index replies_first_sent_idx on replies (mention_id, sent_at) include (user_id) where state = 'sent'`.execute(
    db,
  );
  // Complaint topics and their examples, and authors who complained more than once.
  await sql`create index mentions_brand_complaints_idx on mentions (brand_id, posted_at) include (topic, author_handle) where intent = 'complaint'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists mentions_brand_complaints_idx`.execute(db);
  await sql`drop index if exists replies_first_sent_idx`.execute(db);
  await sql`drop index if exists mentions_brand_posted_idx`.execute(db);
  await db.schema.dropTable('reports').ifExists().execute();
}
