import type { Kysely } from 'kysely';

// Optional second factor (TOTP): the secret sealed with EARSHOT_SECRET (bound to the user's id),
// a pending one while the user confirms their authenticator app, and the last time step used,
// so one code cannot sign in twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_secret').dropColumn('totp_pending_secret').dropColumn('totp_last_step').execute();
}
