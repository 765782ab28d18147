import type { Sentiment } from '../schema.ts';
import type { Database } from '../client.ts';

export interface UncorrectedMention {
  id: string;
  text: string;
  sentiment: Sentiment;
}

/**
 * A brand's newest mentions whose sentiment and intent no agent corrected, newest first.
 * With `answeredOnly`, only mentions an agent answered: someone read them, label shown, and
 * let the label stand, which makes them weak confirmations of the model.
 * Walks `mentions_brand_posted_idx` (brand_id, posted_at) backwards, skipping corrected ones by
 * `corrections_mention_field_idx`, until `limit`; `answeredOnly` orders by `answered_at`, which
 * no index holds: it sorts the brand's answered mentions (bounded by the brand's answered
 * mentions; run by the training job, never by a dashboard request).
 */
export async function listUncorrectedMentions(
  db: Database,
  brandId: string,
  options: { answeredOnly: boolean; limit: number },
): Promise<UncorrectedMention[]> {
  let query = db
    .selectFrom('mentions as m')
    .select(['m.id', 'm.text', 'm.sentiment'])
    .where('m.brand_id', '=', brandId)
    .where('m.is_spam', '=', false)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('corrections as c')
            .select('c.id')
            .whereRef('c.mention_id', '=', 'm.id')
            .where('c.field', 'in', ['sentiment', 'intent']),
        ),
      ),
    );
  query = options.answeredOnly
    ? query.where('m.status', '=', 'answered').orderBy('m.answered_at', 'desc')
    : query.orderBy('m.posted_at', 'desc');
  return query.orderBy('m.id', 'desc').limit(options.limit).execute();
}
