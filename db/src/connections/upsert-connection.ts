import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Stores a platform's sealed credentials, replacing any before. Primary key on platform. */
export async function upsertConnection(db: Database, input: { platform: string; sealed: string; fields: string[] }): Promise<void> {
  await db
    .insertInto('platform_connections')
    .values({ platform: input.platform, sealed_credentials: input.sealed, fields: JSON.stringify(input.fields) })
    .onConflict((oc) =>
      oc.column('platform').doUpdateSet({
        sealed_credentials: input.sealed,
        fields: JSON.stringify(input.fields),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}
