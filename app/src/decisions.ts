import { findSlaPolicy, type Database } from '@earshot/db';
import { applySlaPolicy, correctMention, slaRulesFromPolicy } from '@earshot/worker';
import type { Decisions } from '@earshot/web';

/** The worker's decisions, handed to the web role by the process entry. */
export function workerDecisions(db: Database): Decisions {
  const toDto = (brandId: string, rules: ReturnType<typeof slaRulesFromPolicy>) => ({
    brandId,
    timeZone: rules.timeZone,
    targetsMinutes: rules.targetsMinutes,
    businessHours: rules.businessHours,
    holidays: [...rules.holidays],
  });
  return {
    async slaPolicyFor(brandId) {
      return toDto(brandId, slaRulesFromPolicy(await findSlaPolicy(db, brandId)));
    },
    async applySlaPolicy(brandId, input) {
      const { policy, recomputed } = await applySlaPolicy(db, brandId, input as Parameters<typeof applySlaPolicy>[2]);
      return { policy: toDto(brandId, slaRulesFromPolicy(policy)), recomputed };
    },
    correctMention: (input) => correctMention(db, input),
  };
}
