import type { Database } from '../client.ts';

/**
 * Groups mentions into an incident; a mention already in it is skipped (primary key
 * incident_id, mention_id). Returns how many joined.
 */
export async function addIncidentMentions(db: Database, incidentId: string, mentionIds: readonly string[]): Promise<number> {
  if (mentionIds.length === 0) return 0;
  const rows = await db
    .insertInto('incident_mentions')
    .values(mentionIds.map((mentionId) => ({ incident_id: incidentId, mention_id: mentionId })))
    .onConflict((oc) => oc.columns(['incident_id', 'mention_id']).doNothing())
    .returning('mention_id')
    .execute();
  return rows.length;
}
