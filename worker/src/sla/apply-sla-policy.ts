import { z } from 'zod';
import { AppError, listOpenBrandIncidents, listOpenMentionsForSla, updateMentionDeadlines, upsertSlaPolicy, type Database, type SlaPolicy } from '@earshot/db';
import { describeSlaPolicyIssues, SlaPolicyInputSchema, type SlaPolicyInput } from '@earshot/policy';
import { computeDueAt } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { deadlineFactorOf, tightenRules } from '../incidents/incident-match.ts';

const BATCH = 1_000;

/**
 * Validates and saves a brand's SLA policy, then recomputes the deadline of each of the brand's
 * open mentions from its arrival (`posted_at`) and priority, in batches, all in one transaction:
 * the inbox never shows a mix of old and new deadlines. Answered and closed mentions keep theirs.
 * An open incident that tightened the brand's deadlines keeps them tightened for the mentions
 * that arrived since it did (as restoreIncidentDeadlines and the analyze step do).
 * Throws AppError BAD_REQUEST naming each invalid field, or NOT_FOUND for an unknown brand.
 */
export async function applySlaPolicy(
  db: Database,
  brandId: string,
  input: SlaPolicyInput,
): Promise<{ recomputed: number; policy: SlaPolicy }> {
  if (!z.uuid().safeParse(brandId).success) throw new AppError('BAD_REQUEST', `Invalid brand id "${brandId}": expected a UUID.`);
  const parsed = SlaPolicyInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `Invalid SLA policy: ${describeSlaPolicyIssues(parsed.error)}`, parsed.error.issues);
  }
  try {
    return await db.transaction().execute(async (trx) => {
      // The upsert locks the policy row, so concurrent saves for one brand recompute in turn.
      const policy = await upsertSlaPolicy(trx, brandId, parsed.data);
      const rules = slaRulesFromPolicy(policy);
      const tightened = (await listOpenBrandIncidents(trx, brandId)).filter((i) => i.deadline_factor !== null && i.deadline_since !== null);
      // The rules for a mention that arrived at `postedAt`: shortened by every incident tightened by then.
      const rulesAt = (postedAt: Date) =>
        tightened.length === 0 ? rules : tightenRules(rules, deadlineFactorOf(tightened.filter((i) => i.deadline_since!.getTime() <= postedAt.getTime())));
      let recomputed = 0;
      let afterId: string | null = null;
      for (;;) {
        const page = await listOpenMentionsForSla(trx, brandId, afterId, BATCH);
        if (page.length === 0) break;
        recomputed += await updateMentionDeadlines(
          trx,
          page.map((m) => ({ id: m.id, slaDueAt: computeDueAt(rulesAt(m.posted_at), m.priority, m.posted_at) })),
        );
        afterId = page[page.length - 1]!.id;
        if (page.length < BATCH) break;
      }
      return { recomputed, policy };
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError('NOT_FOUND', `Brand ${brandId} not found; create the brand before giving it an SLA policy.`);
    }
    throw error;
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}
