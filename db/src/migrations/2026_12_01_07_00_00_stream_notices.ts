import type { Kysely } from 'kysely';

// A poll can succeed and still have something to say that the stream's health must show:
// X's recent search keeps seven days, so a stream unread for longer resumes inside the window
// and the posts before it are missing. Kept until a later poll has something new to say.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('streams').addColumn('last_notice', 'text').addColumn('last_notice_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('streams').dropColumn('last_notice').dropColumn('last_notice_at').execute();
}
