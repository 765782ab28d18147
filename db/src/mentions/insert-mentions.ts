import type { NewMention } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Inserts a batch in one statement. A mention already stored (same platform and external
 * id) is skipped by the `mentions_platform_external_id_key` constraint: re-polls and
 * re-run jobs store each mention once. Returns only the rows actually inserted.
 */
export async function insertMentions(
  db: Database,
  rows: NewMention[],
): Promise<{ id: string; sentiment: NewMention['sentiment']; intent: NewMention['intent']; text: string; posted_at: Date }[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('mentions')
    .values(rows)
    .onConflict((oc) => oc.columns(['platform', 'external_id']).doNothing())
    .returning(['id', 'sentiment', 'intent', 'text', 'posted_at'])
    .execute();
}
