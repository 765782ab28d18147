import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/**
 * Mentions a stream collected, or undefined when the stream does not exist or its brand is
 * outside `scope`. Served by `mentions_stream_inbox_idx` (stream_id first), an index-only count.
 */
export async function countStreamMentions(db: Database | DatabaseTransaction, id: string, scope: BrandScope): Promise<number | undefined> {
  const row = await db
    .selectFrom('streams')
    .select((eb) => eb.selectFrom('mentions').select(sql<string>`count(*)`.as('n')).whereRef('mentions.stream_id', '=', 'streams.id').as('mentions'))
    .where('streams.id', '=', id)
    .where(brandScopeSql(scope, 'streams.brand_id'))
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.mentions ?? 0);
}

/**
 * Deletes a stream. Its mentions stay in the brand's inbox with their replies, notes and
 * deadlines (`mentions.stream_id` is set null by its foreign key, found through
 * `mentions_stream_inbox_idx`); its own stream-failure alerts go with it. Returns the stream's
 * name, brand and how many mentions it had collected, or undefined when it does not exist or
 * is outside `scope`. The collectors drop its poll scheduler at their next sync.
 */
export async function deleteStream(
  db: Database,
  id: string,
  scope: BrandScope,
): Promise<{ name: string; brandId: string; platform: string; mentions: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    // Locked first: a poll finishing now either lands before (and is counted) or finds no stream.
    const stream = await trx
      .selectFrom('streams')
      .select(['id', 'name', 'brand_id', 'platform'])
      .where('id', '=', id)
      .where(brandScopeSql(scope, 'streams.brand_id'))
      .forUpdate()
      .executeTakeFirst();
    if (!stream) return undefined;
    const mentions = (await countStreamMentions(trx, id, scope)) ?? 0;
    await trx.deleteFrom('streams').where('id', '=', id).execute();
    return { name: stream.name, brandId: stream.brand_id, platform: stream.platform, mentions };
  });
}
