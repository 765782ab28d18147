import { addIncidentMentions, listSpikeWindowMentions, lockBrandIncidents, upsertIncident, type Database } from '@earshot/db';
import { METRIC_MATCH, type SpikeExplanation } from '../spikes/explain-spike.ts';
import type { SpikeMetric } from '../spikes/rule.ts';
import { incidentTerms, matchesIncident } from './incident-match.ts';

/**
 * Mentions of the alert window read at most when an incident opens. A storm larger than this
 * still groups its newest ones now, and every later one as it arrives.
 */
export const INCIDENT_WINDOW_LIMIT = 5_000;
/** Mentions dated a little ahead of this clock (another machine's) still count as the storm's. */
const JOIN_AHEAD_MS = 60 * 60_000;

/**
 * Opens (or, for a storm explained again, refreshes) the incident of a spike alert, in the
 * tick's transaction: its terms are the explanation's strongest drivers, and it groups the
 * mentions posted since the window began that carry the metric's label and use one of them. Returns its id and how
 * many mentions joined now.
 */
export async function openIncident(
  trx: Database,
  input: { alertId: string; brandId: string; metric: SpikeMetric; explanation: SpikeExplanation },
): Promise<{ incidentId: string; joined: number }> {
  const match = METRIC_MATCH[input.metric];
  const terms = incidentTerms(input.explanation);
  const incidentId = await upsertIncident(trx, { alertId: input.alertId, brandId: input.brandId, terms, match });
  // Pages being stored now finish first, and are read below; later ones wait, then join.
  await lockBrandIncidents(trx, input.brandId, 'exclusive');
  const rows = await listSpikeWindowMentions(trx, {
    brandId: input.brandId,
    from: new Date(input.explanation.from),
    // Not just the judged window: mentions stored since the tick began belong to the storm too.
    before: new Date(Math.max(Date.parse(input.explanation.before), Date.now()) + JOIN_AHEAD_MS),
    match,
    limit: INCIDENT_WINDOW_LIMIT,
  });
  // The window's rows already carry the metric's label; only the terms are left to check.
  const joining = rows.filter((r) => matchesIncident({ terms, match: {} }, { text: r.text, sentiment: '', intent: '' }));
  const joined = await addIncidentMentions(trx, incidentId, joining.map((r) => r.id));
  return { incidentId, joined };
}
