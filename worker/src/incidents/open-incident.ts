import { addIncidentMentions, listSpikeWindowMentions, upsertIncident, type Database } from '@earshot/db';
import { METRIC_MATCH, type SpikeExplanation } from '../spikes/explain-spike.ts';
import type { SpikeMetric } from '../spikes/rule.ts';
import { incidentTerms, matchesIncident } from './incident-match.ts';

/**
 * Mentions of the alert window read at most when an incident opens. A storm larger than this
 * still groups its newest ones now, and every later one as it arrives.
 */
export const INCIDENT_WINDOW_LIMIT = 5_000;

/**
 * Opens (or, for a storm explained again, refreshes) the incident of a spike alert, in the
 * tick's transaction: its terms are the explanation's strongest drivers, and it groups the
 * window's mentions that carry the metric's label and use one of them. Returns its id and how
 * many mentions joined now.
 */
export async function openIncident(
  trx: Database,
  input: { alertId: string; brandId: string; metric: SpikeMetric; explanation: SpikeExplanation },
): Promise<{ incidentId: string; joined: number }> {
  const match = METRIC_MATCH[input.metric];
  const terms = incidentTerms(input.explanation);
  const incidentId = await upsertIncident(trx, { alertId: input.alertId, brandId: input.brandId, terms, match });
  const rows = await listSpikeWindowMentions(trx, {
    brandId: input.brandId,
    from: new Date(input.explanation.from),
    before: new Date(input.explanation.before),
    match,
    limit: INCIDENT_WINDOW_LIMIT,
  });
  // The window's rows already carry the metric's label; only the terms are left to check.
  const joining = rows.filter((r) => matchesIncident({ terms, match: {} }, { text: r.text, sentiment: '', intent: '' }));
  const joined = await addIncidentMentions(trx, incidentId, joining.map((r) => r.id));
  return { incidentId, joined };
}
