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

  // A brand's mentions of a period are read through mentions_brand_posted_idx (brand_id,
  // posted_at), which the rollups migration creates.
  // Complaint topics and their examples, and authors who complained more than once.
  await sql`create index mentions_brand_complaints_idx on mentions (brand_id, posted_at) include (topic, author_handle) where intent = 'complaint'`.execute(db);

  // Each mention's first response (its earliest reply in state 'sent') and who sent it, kept on
  // the mention by a trigger on replies, so a report of a million mentions is one scan of
  // `mentions` rather than a join with every reply (measured: the join and the de-duplication of
  // replies were most of the time). Replies reach 'sent' only through transitionReply, and 'sent'
  // is final; the trigger keeps the earliest, so replaying an update changes nothing.
  await sql`alter table mentions add column first_response_at timestamptz, add column first_responder_id uuid references users (id) on delete set null`.execute(db);
  await sql`
    update mentions m set first_response_at = f.sent_at, first_responder_id = f.user_id
    from (
      select distinct on (mention_id) mention_id, sent_at, user_id from replies
      where state = 'sent' and sent_at is not null
      order by mention_id, sent_at, id
    ) f
    where f.mention_id = m.id`.execute(db);
  // First-response times of a period: only answered mentions, read from the index alone.
  await sql`create index mentions_brand_answered_idx on mentions (brand_id, posted_at) include (first_response_at, first_responder_id, priority, platform) where first_response_at is not null`.execute(db);
  // search_path pinned to the schema the migration runs in, so the trigger finds its mentions.
  await sql`
    create function record_first_response() returns trigger language plpgsql set search_path from current as $$
    begin
      if new.state = 'sent' and new.sent_at is not null then
        update mentions set first_response_at = new.sent_at, first_responder_id = new.user_id
        where id = new.mention_id and (first_response_at is null or first_response_at > new.sent_at);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger replies_first_response after insert or update of state, sent_at on replies for each row execute function record_first_response()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists mentions_brand_complaints_idx`.execute(db);
  await sql`drop index if exists mentions_brand_answered_idx`.execute(db);
  await sql`drop trigger if exists replies_first_response on replies`.execute(db);
  await sql`drop function if exists record_first_response()`.execute(db);
  await sql`alter table mentions drop column if exists first_responder_id, drop column if exists first_response_at`.execute(db);
  await db.schema.dropTable('reports').ifExists().execute();
}
