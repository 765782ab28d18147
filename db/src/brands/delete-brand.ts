import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export interface BrandContents {
  name: string;
  streams: number;
  mentions: number;
  replies: number;
}

/**
 * What deleting a brand would remove, or undefined when it does not exist or is outside
 * `scope`. Mentions are counted through `mentions_brand_due_idx` (brand_id first), their
 * replies through `replies_mention_idx`.
 */
export async function countBrandContents(db: Database | DatabaseTransaction, id: string, scope: BrandScope): Promise<BrandContents | undefined> {
  const row = await db
    .selectFrom('brands')
    .select((eb) => [
      'brands.name',
      eb.selectFrom('streams').select(sql<string>`count(*)`.as('n')).whereRef('streams.brand_id', '=', 'brands.id').as('streams'),
      eb.selectFrom('mentions').select(sql<string>`count(*)`.as('n')).whereRef('mentions.brand_id', '=', 'brands.id').as('mentions'),
      eb
        .selectFrom('replies')
        .innerJoin('mentions', 'mentions.id', 'replies.mention_id')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('mentions.brand_id', '=', 'brands.id')
        .as('replies'),
    ])
    .where('brands.id', '=', id)
    .where(brandScopeSql(scope, 'brands.id'))
    .executeTakeFirst();
  if (!row) return undefined;
  return { name: row.name, streams: Number(row.streams ?? 0), mentions: Number(row.mentions ?? 0), replies: Number(row.replies ?? 0) };
}

/**
 * Deletes a brand and everything that is only about it, in one transaction: its streams,
 * mentions (with their replies, notes, tags and history), SLA policy, alert rules, alerts,
 * incidents, rollups, reports and brand-only notification channels (each by its foreign key's
 * `on delete cascade`). The audit log keeps its entries (it has no foreign key: history stays).
 * Returns what was removed, or undefined when the brand does not exist or is outside `scope`.
 */
export async function deleteBrand(db: Database, id: string, scope: BrandScope): Promise<BrandContents | undefined> {
  return db.transaction().execute(async (trx) => {
    // The brand row is locked first, so a stream or mention arriving now waits and then fails
    // on its foreign key instead of being left behind.
    const locked = await trx.selectFrom('brands').select('id').where('id', '=', id).where(brandScopeSql(scope, 'brands.id')).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
    const contents = await countBrandContents(trx, id, scope);
    await trx.deleteFrom('brands').where('id', '=', id).execute();
    return contents;
  });
}
