import type { InboxCountsDto } from '../../src/api/contract.ts';
import { useResource } from './use-resource.ts';

/** How a capped count reads: "999+" at the cap. */
export function countLabel(n: number, cap: number): string {
  return n >= cap ? `${cap - 1}+` : String(n);
}

// Overdue grows with time alone.
const OVERDUE_MS = 60_000;

/**
 * The open / overdue / mine / unassigned counts, re-read when mentions arrive or change
 * (live-queries.ts, at most twice a second) and every minute. Null until the first answer.
 */
export function useInboxCounts(brandId: string | undefined): InboxCountsDto | null {
  return useResource<InboxCountsDto>(`/api/inbox/counts${brandId ? `?brandId=${encodeURIComponent(brandId)}` : ''}`, { everyMs: OVERDUE_MS }).data;
}
