import { findSlaPolicy, listOpenBrandIncidents, listOpenMentionsForSla, updateMentionDeadlines, type Database, type DatabaseTransaction } from '@earshot/db';
import { computeDueAt } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { deadlineFactorOf, tightenRules } from './incident-match.ts';

const BATCH = 1_000;

/**
 * Gives the brand's open mentions that arrived since `since` the deadlines its policy gives now
 * (tightened only by incidents still open): undoes an incident's tighter deadlines when it is
 * resolved, or when a manager lifts them. One transaction. Returns how many were recomputed.
 */
export async function restoreIncidentDeadlines(db: Database, brandId: string, since: Date): Promise<number> {
  return db.transaction().execute((trx) => restoreIncidentDeadlinesIn(trx, brandId, since));
}

/**
 * restoreIncidentDeadlines inside the caller's transaction: the spike tick, when the detector
 * closes an alert by itself, gives the deadlines back in the transaction that closes it.
 */
export async function restoreIncidentDeadlinesIn(trx: Database | DatabaseTransaction, brandId: string, since: Date): Promise<number> {
  const policy = await findSlaPolicy(trx, brandId, { forShare: true });
  const rules = tightenRules(slaRulesFromPolicy(policy), deadlineFactorOf(await listOpenBrandIncidents(trx, brandId)));
  let recomputed = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = await listOpenMentionsForSla(trx, brandId, afterId, BATCH);
    if (page.length === 0) break;
    const recent = page.filter((m) => m.posted_at.getTime() >= since.getTime());
    recomputed += await updateMentionDeadlines(
      trx,
      recent.map((m) => ({ id: m.id, slaDueAt: computeDueAt(rules, m.priority, m.posted_at) })),
    );
    afterId = page[page.length - 1]!.id;
    if (page.length < BATCH) break;
  }
  return recomputed;
}
