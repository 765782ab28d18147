import type { Database } from '../client.ts';

/** The demo platform "posts" a reply: returns the new post's id. */
export async function insertDemoPost(
  db: Database,
  input: { inReplyTo: string; text: string; authorHandle: string },
): Promise<string> {
  const row = await db
    .insertInto('demo_posts')
    .values({ in_reply_to: input.inReplyTo, text: input.text, author_handle: input.authorHandle })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}
