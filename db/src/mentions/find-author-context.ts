import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface AuthorContext {
  mentions: number;
  complaints: number;
  repliesSent: number;
  earlier: { id: string; text: string; posted_at: Date; sentiment: string; intent: string; status: string }[];
  replies: { mention_id: string; text: string; sent_at: Date; user_name: string | null }[];
}

/**
 * An author's history with a brand on one platform, apart from one mention: counts of all their
 * mentions and complaints, replies sent to them, and the newest of each (at most `limit`).
 * Served by `mentions_author_idx` (brand_id, author_handle, posted_at) and, per mention,
 * `replies_mention_idx` (mention_id, created_at).
 */
export async function findAuthorContext(
  db: Database,
  m: { id: string; brand_id: string; platform: string; author_handle: string },
  limit = 10,
): Promise<AuthorContext> {
  const theirs = db
    .selectFrom('mentions')
    .where('brand_id', '=', m.brand_id)
    .where('author_handle', '=', m.author_handle)
    .where('platform', '=', m.platform);
  const [counts, earlier, replies] = await Promise.all([
    theirs
      .select([
        sql<number>`count(*)::int`.as('mentions'),
        sql<number>`(count(*) filter (where intent = 'complaint'))::int`.as('complaints'),
        sql<number>`(select count(*)::int from replies r where r.mention_id in (select id from mentions x where x.brand_id = ${m.brand_id} and x.author_handle = ${m.author_handle} and x.platform = ${m.platform}) and r.state = 'sent')`.as('replies_sent'),
      ])
      .executeTakeFirstOrThrow(),
    theirs
      .select(['id', 'text', 'posted_at', 'sentiment', 'intent', 'status'])
      .where('id', '<>', m.id)
      .orderBy('posted_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('replies as r')
      .innerJoin('mentions as x', 'x.id', 'r.mention_id')
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.mention_id', 'r.text', 'r.sent_at', 'u.name as user_name'])
      .where('x.brand_id', '=', m.brand_id)
      .where('x.author_handle', '=', m.author_handle)
      .where('x.platform', '=', m.platform)
      .where('r.state', '=', 'sent')
      .orderBy('r.sent_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return {
    mentions: counts.mentions,
    complaints: counts.complaints,
    repliesSent: counts.replies_sent,
    earlier,
    replies: replies.map((r) => ({ mention_id: r.mention_id, text: r.text, sent_at: r.sent_at!, user_name: r.user_name })),
  };
}
