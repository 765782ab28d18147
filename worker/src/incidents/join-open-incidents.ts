import { addIncidentMentions, type Database, type OpenBrandIncident } from '@earshot/db';
import { matchesIncident } from './incident-match.ts';

/**
 * Groups newly stored mentions into the brand's open incidents they match, in the analyze
 * transaction (so a mention is never stored without joining the storm it belongs to). Returns
 * how many memberships were added.
 */
export async function joinOpenIncidents(
  trx: Database,
  incidents: readonly OpenBrandIncident[],
  mentions: readonly { id: string; text: string; sentiment: string; intent: string }[],
): Promise<number> {
  let joined = 0;
  for (const incident of incidents) {
    const ids = mentions.filter((m) => matchesIncident(incident, m)).map((m) => m.id);
    joined += await addIncidentMentions(trx, incident.id, ids);
  }
  return joined;
}
