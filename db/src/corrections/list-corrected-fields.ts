import type { CorrectionField } from '../schema.ts';
import type { Database } from '../client.ts';

/** The fields of a mention an agent has set by hand. Served by `corrections_mention_field_idx`. */
export async function listCorrectedFields(db: Database, mentionId: string): Promise<CorrectionField[]> {
  const rows = await db.selectFrom('corrections').select('field').distinct().where('mention_id', '=', mentionId).orderBy('field').execute();
  return rows.map((r) => r.field);
}
