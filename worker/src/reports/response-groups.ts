import type { FirstResponseTimes, ResponseCounts } from '@earshot/db';

export type ResponseDimension = FirstResponseTimes['dimension'];

/** One row of a response table before formatting: summed counts and its percentiles. */
export interface ResponseGroup extends Omit<ResponseCounts, 'priority' | 'platform' | 'agentId'> {
  dimension: ResponseDimension;
  key: string | null;
  medianMs: number | null;
  p90Ms: number | null;
}

const COUNTS = [
  'mentions',
  'negative',
  'neutral',
  'positive',
  'complaints',
  'spam',
  'answered',
  'due',
  'within',
  'late',
  'missed',
  'pending',
  'openAtEnd',
  'answeredAfter',
] as const;

/**
 * Sums the (priority, platform, agent) counts into the overall row and one row per priority,
 * platform and first responder — so every table adds up to the headline — and attaches each
 * group's response-time percentiles. The overall row exists even for a period without mentions.
 */
export function responseGroups(
  counts: readonly ResponseCounts[],
  times: readonly FirstResponseTimes[],
): ResponseGroup[] {
  const groups = new Map<string, ResponseGroup>();
  const group = (dimension: ResponseDimension, key: string | null): ResponseGroup => {
    const id = `${dimension}:${key}`;
    let g = groups.get(id);
    if (!g) {
      g = {
        dimension,
        key,
        medianMs: null,
        p90Ms: null,
        ...(Object.fromEntries(COUNTS.map((c) => [c, 0])) as Record<
          (typeof COUNTS)[number],
          number
        >),
      };
      groups.set(id, g);
    }
    return g;
  };
  group('all', null);
  for (const r of counts) {
    for (const g of [
      group('all', null),
      group('priority', String(r.priority)),
      group('platform', r.platform),
      group('agent', r.agentId),
    ]) {
      for (const c of COUNTS) g[c] += r[c];
    }
  }
  for (const t of times) {
    const g = groups.get(`${t.dimension}:${t.key}`);
    if (!g) continue;
    g.medianMs = t.medianMs;
    g.p90Ms = t.p90Ms;
  }
  return [...groups.values()];
}
