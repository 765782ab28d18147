import type { CorrectionField } from '../schema.ts';
import type { Database } from '../client.ts';

export interface TrainingLabel {
  mentionId: string;
  brandId: string;
  field: CorrectionField;
  text: string;
  /** The agent's value: a sentiment, an intent, or "1"…"4" for priority. */
  value: string;
  correctedAt: Date;
}

export interface TrainingLabelQuery {
  brandId?: string | undefined;
  field?: CorrectionField | undefined;
  /** Keyset: the (mentionId, field) of the last label of the previous page. */
  after?: { mentionId: string; field: CorrectionField } | undefined;
  /** Page size; all labels when absent. */
  limit?: number | undefined;
}

/**
 * Human labels for training: for each corrected field of each mention, the latest correction
 * with the mention's text, in (mention id, field) order. A mention corrected twice yields its
 * final label once; a label equal to the model's (an agent undoing a change) is kept, since a
 * person confirmed it. DISTINCT ON over `corrections_mention_field_idx`.
 */
export async function listCorrectionsForTraining(db: Database, q: TrainingLabelQuery = {}): Promise<TrainingLabel[]> {
  let query = db
    .selectFrom('corrections as c')
    .innerJoin('mentions as m', 'm.id', 'c.mention_id')
    .distinctOn(['c.mention_id', 'c.field'])
    .select([
      'c.mention_id as mentionId',
      'c.brand_id as brandId',
      'c.field as field',
      'm.text as text',
      'c.corrected_value as value',
      'c.created_at as correctedAt',
    ]);
  if (q.brandId) query = query.where('c.brand_id', '=', q.brandId);
  if (q.field) query = query.where('c.field', '=', q.field);
  if (q.after) {
    const { mentionId, field } = q.after;
    query = query.where((eb) => eb(eb.refTuple('c.mention_id', 'c.field'), '>', eb.tuple(mentionId, field)));
  }
  query = query.orderBy('c.mention_id').orderBy('c.field').orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  if (q.limit !== undefined) query = query.limit(q.limit);
  return query.execute();
}
