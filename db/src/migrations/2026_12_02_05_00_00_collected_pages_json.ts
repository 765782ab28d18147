import { sql, type Kysely } from 'kysely';

// A collected page is written once and read once, whole, by the analyze job: `json` keeps the
// text as sent (validated, not converted to jsonb's binary form and back), which is most of
// what PostgreSQL spent on the outbox in the ingest benchmark (tests/bench/ingest).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table collected_pages alter column mentions type json using mentions::json`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table collected_pages alter column mentions type jsonb using mentions::jsonb`.execute(db);
}
