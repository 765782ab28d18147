import { sql, type Kysely } from 'kysely';

// The foundation schema. Never edit a shipped migration: add a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('agent').check(sql`role in ('admin', 'agent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('brands')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One first-response policy per brand. business_hours null = around the clock.
  await db.schema
    .createTable('sla_policies')
    .addColumn('brand_id', 'uuid', (c) => c.primaryKey().references('brands.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('targets_minutes', 'jsonb', (c) => c.notNull())
    .addColumn('business_hours', 'jsonb')
    .addColumn('holidays', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('streams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'jsonb', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('poll_interval_ms', 'integer', (c) => c.notNull().defaultTo(60_000).check(sql`poll_interval_ms >= 1000`))
    // Opaque to everything but the platform adapter; moved only after a poll's pages are queued.
    .addColumn('cursor', 'text')
    .addColumn('poll_lease_until', 'timestamptz')
    .addColumn('last_poll_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'timestamptz')
    .addColumn('failing_since', 'timestamptz')
    .addColumn('rate_limited_until', 'timestamptz')
    .addColumn('fetched_day', 'date')
    .addColumn('fetched_today', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_budget_monthly', 'integer')
    .addColumn('budget_month', 'text')
    .addColumn('reads_this_month', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('streams_brand_idx').on('streams').column('brand_id').execute();

  // The collectors' outbox: a polled page is stored here before its analyze job is queued
  // and deleted in the transaction that stores its mentions. Redis may lose its queues; a
  // page that is still here after a while is queued again, so no polled mention is lost.
  await db.schema
    .createTable('collected_pages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('stream_id', 'uuid', (c) => c.references('streams.id').onDelete('set null'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('mentions', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('collected_pages_enqueued_idx').on('collected_pages').column('enqueued_at').execute();

  await db.schema
    .createTable('mentions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('stream_id', 'uuid', (c) => c.references('streams.id').onDelete('set null'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('author_external_id', 'text')
    .addColumn('author_handle', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('author_followers', 'integer')
    .addColumn('author_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('context_external_id', 'text')
    .addColumn('context_author_handle', 'text')
    .addColumn('context_text', 'text')
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('collected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sentiment', 'text', (c) => c.notNull().check(sql`sentiment in ('negative', 'neutral', 'positive')`))
    .addColumn('sentiment_score', 'real', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('is_spam', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('priority', 'smallint', (c) => c.notNull().check(sql`priority between 1 and 4`))
    .addColumn('priority_reason', 'text', (c) => c.notNull())
    .addColumn('sla_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'answered', 'closed')`))
    .addColumn('answered_at', 'timestamptz')
    .addUniqueConstraint('mentions_platform_external_id_key', ['platform', 'external_id'])
    .execute();
  // Serves the inbox: open mentions by deadline, keyset on (sla_due_at, id).
  await db.schema.createIndex('mentions_inbox_idx').on('mentions').columns(['status', 'sla_due_at', 'id']).execute();
  await db.schema.createIndex('mentions_brand_inbox_idx').on('mentions').columns(['brand_id', 'status', 'sla_due_at', 'id']).execute();
  // Serves "same author again within minutes" cues and author history.
  await db.schema.createIndex('mentions_author_idx').on('mentions').columns(['brand_id', 'author_handle', 'posted_at']).execute();

  await db.schema
    .createTable('replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mention_id', 'uuid', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`state in ('queued', 'sending', 'sent', 'failed', 'unknown')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('external_id', 'text')
    .addColumn('url', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await sql`create index replies_unfinished_idx on replies (updated_at) where state in ('queued', 'sending', 'unknown')`.execute(db);
  await db.schema.createIndex('replies_mention_idx').on('replies').columns(['mention_id', 'created_at']).execute();

  await db.schema
    .createTable('mention_rollups')
    .addColumn('brand_id', 'uuid', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('negative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('neutral', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('positive', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('mention_rollups_pkey', ['brand_id', 'minute'])
    .execute();

  // The demo platform's own store: what it has "posted" in reply. It stands in for a
  // real platform's servers, so nothing in it is deduplicated on Earshot's behalf.
  await db.schema
    .createTable('demo_posts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('in_reply_to', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_handle', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('demo_posts_in_reply_to_idx').on('demo_posts').column('in_reply_to').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['demo_posts', 'mention_rollups', 'replies', 'mentions', 'collected_pages', 'streams', 'sla_policies', 'brands', 'sessions', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
