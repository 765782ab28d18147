import { z } from 'zod';
import { compactSearch, optionalMatching, searchValidator, UUID_PATTERN } from './screen-search.ts';
import { stringifySearch } from './search-params.ts';

// The Alerts page's brand, the alert it opens and the history's filters are the search
// parameters of "/alerts" ("?brandId=…&alert=…&status=closed&ruleId=…&from=…&to=…"), so a
// filtered history can be bookmarked and shared, and Back and Forward step through filters.
// The banner, notifications and webhooks link to "/alerts?brandId=…&alert=…".

/** The history's date filters, as the datetime-local inputs write them ("2026-10-21T10:00"). */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

export const AlertsSearchSchema = z.object({
  brandId: optionalMatching(UUID_PATTERN),
  alert: optionalMatching(UUID_PATTERN),
  status: z.enum(['open', 'closed']).optional().catch(undefined),
  ruleId: optionalMatching(UUID_PATTERN),
  from: optionalMatching(LOCAL_DATE_TIME),
  to: optionalMatching(LOCAL_DATE_TIME),
});

/** The router's validateSearch for "/alerts". */
export const validAlertsSearch = searchValidator(AlertsSearchSchema);
export type AlertsSearch = ReturnType<typeof validAlertsSearch>;

/** What the page shows: each parameter, or undefined for its default (the first brand, every status, …). */
export type AlertsView = { [K in keyof AlertsSearch]?: Exclude<AlertsSearch[K], ''> };

/** The view an address names (its validated search; '' and unknown keys dropped). */
export function alertsViewOf(search: AlertsSearch): AlertsView {
  return searchOfAlertsView(search as AlertsView);
}

/** The parameters of a view, in a fixed order (equal views, equal addresses), defaults left out. */
export function searchOfAlertsView(view: AlertsView): AlertsView {
  const { brandId, alert, status, ruleId, from, to } = view;
  return compactSearch({ brandId, alert, status, ruleId, from, to }) as AlertsView;
}

/** The Alerts page's address; an alert id opens that alert (the banner links here). */
export function alertsPath(view: AlertsView): string {
  return `/alerts${stringifySearch(searchOfAlertsView(view))}`;
}
