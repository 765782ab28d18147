import { sql, type Kysely } from 'kysely';

// Delivery of alerts and reports to the team's own systems (worker/src/delivery).
// `notifications` is an outbox written in the transaction that decides to notify; each
// `notification_deliveries` row is one (notification, channel) pair and the lock that keeps it
// from being sent twice: its state moves pending → sending → delivered by compare-and-set.
// A delivery's id is the idempotency key receivers see (Earshot-Delivery-Id).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null: every brand (and notifications about no brand).
    .addColumn('brand_id', 'uuid', (c) => c.references('brands.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email', 'webhook')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // Validated per kind by NotificationChannelConfigSchema; never holds the signing secret.
    .addColumn('config', 'jsonb', (c) => c.notNull())
    // Webhook signing secret: `v1.…` sealed with EARSHOT_SECRET, or `plain.…` when it is unset.
    .addColumn('signing_secret', 'text')
    .addColumn('min_severity', 'text', (c) =>
      c
        .notNull()
        .defaultTo('low')
        .check(sql`min_severity in ('low', 'high')`),
    )
    // {start: "HH:MM", end: "HH:MM", timeZone}: low-severity notifications wait for the end.
    .addColumn('quiet_hours', 'jsonb')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('notification_channels_brand_idx')
    .on('notification_channels')
    .column('brand_id')
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('brand_id', 'uuid', (c) => c.references('brands.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What it is about (the alert, incident or report id), so its history can show its deliveries.
    .addColumn('source_id', 'text')
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low', 'high')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('link_path', 'text')
    .addColumn('attachment', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('notifications_brand_created_idx')
    .on('notifications')
    .columns(['brand_id', 'created_at'])
    .execute();
  await sql`create index notifications_source_idx on notifications (kind, source_id) where source_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('notification_id', 'uuid', (c) =>
      c.notNull().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'uuid', (c) =>
      c.notNull().references('notification_channels.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'sending', 'held', 'delivered', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('response_status', 'integer')
    // Held (quiet hours) until then, and sent in the channel's digest.
    .addColumn('release_at', 'timestamptz')
    // The delivery whose id the digest went out under (its own id for the digest's first row).
    .addColumn('digest_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('notification_deliveries_once', ['notification_id', 'channel_id'])
    .execute();
  // The sweeper's and the digest's working sets are small: unfinished rows only.
  await sql`create index notification_deliveries_unfinished_idx on notification_deliveries (updated_at) where state in ('pending', 'sending', 'held')`.execute(
    db,
  );
  await sql`create index notification_deliveries_held_idx on notification_deliveries (channel_id, release_at) where state = 'held'`.execute(
    db,
  );
  // A channel's history, newest first; also what deleting a channel cascades through.
  await sql`create index notification_deliveries_channel_created_idx on notification_deliveries (channel_id, created_at)`.execute(
    db,
  );
  await sql`create index notification_deliveries_digest_idx on notification_deliveries (digest_id) where digest_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.dropTable('notification_channels').ifExists().execute();
}
