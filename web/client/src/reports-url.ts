import { z } from 'zod';
import type { ReportRequestBody } from '../../src/api/contract.ts';
import { compactSearch, optionalMatching, searchValidator, UUID_PATTERN } from './screen-search.ts';
import { stringifySearch } from './search-params.ts';

// The report shown is named by the search parameters of "/reports": a brand and a week
// ("?brandId=…&week=2026-W43") or a date range ("?brandId=…&from=2026-10-01&to=2026-10-14"),
// and "compare=1" when the period before is shown beside it. A report can be bookmarked and
// shared, Back and Forward step through the reports shown, and the links in weekly report
// emails (worker/src) open their report.

export const ReportsSearchSchema = z.object({
  brandId: optionalMatching(UUID_PATTERN),
  week: optionalMatching(/^\d{4}-W\d{2}$/),
  from: optionalMatching(/^\d{4}-\d{2}-\d{2}$/),
  to: optionalMatching(/^\d{4}-\d{2}-\d{2}$/),
  compare: z.literal('1').optional().catch(undefined),
});

/** The router's validateSearch for "/reports". */
export const validReportsSearch = searchValidator(ReportsSearchSchema);
export type ReportsSearch = ReturnType<typeof validReportsSearch>;

/** The report an address asks for, and whether the period before is compared. */
export interface ReportsView {
  asked: ReportRequestBody | null;
  compare: boolean;
}

/** The view an address names; a brand without a whole period asks for no report. */
export function reportsViewOf(search: ReportsSearch): ReportsView {
  const compare = search.compare === '1';
  const { brandId, week, from, to } = search;
  if (!brandId) return { asked: null, compare };
  if (week) return { asked: { brandId, week }, compare };
  if (from && to) return { asked: { brandId, from, to }, compare };
  return { asked: null, compare };
}

/** The parameters of a view, in a fixed order, with "compare" left out when off. */
export function searchOfReportsView(view: ReportsView): ReportsSearch {
  const { asked, compare } = view;
  return compactSearch({
    brandId: asked?.brandId,
    week: asked !== null && 'week' in asked ? asked.week : undefined,
    from: asked !== null && 'from' in asked ? asked.from : undefined,
    to: asked !== null && 'to' in asked ? asked.to : undefined,
    compare: compare ? '1' : undefined,
  }) as ReportsSearch;
}

/** The Reports page's address for a report (the stored reports list links here). */
export function reportPath(asked: ReportRequestBody, compare = false): string {
  return `/reports${stringifySearch(searchOfReportsView({ asked, compare }))}`;
}
