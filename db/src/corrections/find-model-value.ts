import type { CorrectionField } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * What the model originally said for this field of this mention, if an agent has corrected it
 * before (the first correction's `model_value`); undefined if never corrected, in which case the
 * mention row still holds the model's value. Served by `corrections_mention_field_idx`.
 */
export async function findModelValue(db: Database, mentionId: string, field: CorrectionField): Promise<string | undefined> {
  const row = await db
    .selectFrom('corrections')
    .select('model_value')
    .where('mention_id', '=', mentionId)
    .where('field', '=', field)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.model_value;
}
