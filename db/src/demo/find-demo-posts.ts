import type { Database } from '../client.ts';

/** The demo platform's posts in reply to one post, oldest first. Served by `demo_posts_in_reply_to_idx`. */
export async function findDemoPostsInReplyTo(
  db: Database,
  inReplyTo: string,
): Promise<{ id: string; text: string; author_handle: string; created_at: Date }[]> {
  const rows = await db
    .selectFrom('demo_posts')
    .select(['id', 'text', 'author_handle', 'created_at'])
    .where('in_reply_to', '=', inReplyTo)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
