import { DEFAULT_SLA_ALERT_LEAD_MINUTES, findSlaPolicy, type Database, type SlaPolicy } from '@earshot/db';
import { slaRulesFromPolicy } from '@earshot/policy';
import { applySlaPolicy, classifyText, correctMention, restoreIncidentDeadlines } from '@earshot/worker';
import type { Decisions } from '@earshot/web';

/** The worker's decisions, handed to the web role by the process entry. */
export function workerDecisions(db: Database): Decisions {
  const toDto = (brandId: string, policy: SlaPolicy | undefined) => {
    const rules = slaRulesFromPolicy(policy);
    return {
      brandId,
      timeZone: rules.timeZone,
      targetsMinutes: rules.targetsMinutes,
      businessHours: rules.businessHours,
      holidays: [...rules.holidays],
      alertLeadMinutes: policy?.alert_lead_minutes ?? DEFAULT_SLA_ALERT_LEAD_MINUTES,
    };
  };
  return {
    async slaPolicyFor(brandId) {
      return toDto(brandId, await findSlaPolicy(db, brandId));
    },
    async applySlaPolicy(brandId, input) {
      const { policy, recomputed } = await applySlaPolicy(db, brandId, input as Parameters<typeof applySlaPolicy>[2]);
      return { policy: toDto(brandId, policy), recomputed };
    },
    restoreIncidentDeadlines: (brandId, since) => restoreIncidentDeadlines(db, brandId, since),
    correctMention: (input) => correctMention(db, input),
    replyTone(text) {
      const { sentiment, score, confidence } = classifyText(text);
      return { sentiment, score, confidence };
    },
  };
}
