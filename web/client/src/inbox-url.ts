import { z } from 'zod';
import type { BrandDto, InboxFilterQuery, ReportFilter } from '../../src/api/contract.ts';
import { parseSearch, stringifySearch } from './search-params.ts';

// The inbox's filters live in the URL ("/?status=all&sentiment=negative&…"), so a link from a
// report figure opens the inbox on exactly its mentions, and any filtered view can be
// bookmarked and shared. The server validates them (InboxQuerySchema); here they are only
// read, written and described.

export type StatusFilter = InboxFilterQuery['status'];

/** Every filter besides status, in the order they are shown and written. */
export const FILTER_KEYS = [
  'brandId',
  'sentiment',
  'intent',
  'platform',
  'priority',
  'topic',
  'postedFrom',
  'postedBefore',
  'agentId',
  'authorHandle',
  'response',
  'asOf',
  'assignee',
  'streamId',
  'tagId',
  'overdue',
  'search',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type InboxFilterValues = Partial<Record<FilterKey, string>>;

export interface InboxView {
  status: StatusFilter;
  filters: InboxFilterValues;
}

const STATUSES = ['open', 'pending', 'answered', 'closed', 'ignored', 'all'] as const satisfies readonly StatusFilter[];

// A value the server would refuse (an unknown status) or an empty one is left out rather than
// failing the page: the inbox shows its default and the server checks what remains.
const optionalText = z
  .string()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .catch(undefined);
const filterShape = Object.fromEntries(FILTER_KEYS.map((key) => [key, optionalText])) as Record<FilterKey, typeof optionalText>;

/**
 * The inbox routes' search parameters (the router validates the address with it): status and
 * every filter, each optional, in the order they are written. Unknown keys are dropped.
 */
export const InboxSearchSchema = z.object({ status: z.enum(STATUSES).optional().catch(undefined), ...filterShape });
export type InboxSearch = z.output<typeof InboxSearchSchema>;

/**
 * The router's validateSearch for the inbox routes. The router lays the answer over the raw
 * parameters (and mishandles keys that hold undefined: no route matches), so the answer has
 * only the keys with a value, and an unknown status is replaced by the default rather than
 * dropped (dropped, the raw one would show through).
 */
export function validInboxSearch(raw: Record<string, unknown>): InboxSearch {
  const parsed = InboxSearchSchema.parse(raw);
  const out: InboxSearch = {};
  for (const [key, value] of Object.entries(parsed) as [keyof InboxSearch, string | undefined][]) {
    if (value !== undefined) (out as Record<string, string>)[key] = value;
  }
  if (raw['status'] !== undefined && out.status === undefined) out.status = inboxViewOf(out).status;
  return out;
}

/** The view an inbox address names (its validated search). */
export function inboxViewOf(search: InboxSearch): InboxView {
  const filters: InboxFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    // An empty value in the address ("?sentiment=") is no filter.
    if (value !== undefined && value !== '') filters[key] = value;
  }
  // A link with a period but no status (a report's) means every mention of it, answered or not.
  const fallback: StatusFilter = filters.postedFrom !== undefined || filters.response !== undefined ? 'all' : 'open';
  return { status: search.status ?? fallback, filters };
}

/** The search parameters of a view: status first, then the filters in a fixed order, so equal views have equal URLs. */
export function searchOfView(view: InboxView): InboxSearch {
  const search: InboxSearch = { status: view.status };
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value !== undefined) search[key] = value;
  }
  return search;
}

/** The inbox view a URL's search string names; unknown keys are ignored, the server checks values. */
export function inboxViewFromSearch(search: string): InboxView {
  return inboxViewOf(InboxSearchSchema.parse(parseSearch(search)));
}

/** "?status=…&…" for a view (keys in a fixed order, so equal views have equal URLs). */
export function inboxSearch(view: InboxView): string {
  return stringifySearch(searchOfView(view));
}

/** The inbox, filtered to the mentions behind a report figure. */
export function inboxHref(filter: ReportFilter): string {
  const filters: InboxFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = filter[key as keyof ReportFilter];
    if (value !== undefined) filters[key] = String(value);
  }
  return `/${inboxSearch({ status: 'all', filters })}`;
}

const RESPONSE_WORDS: Record<string, string> = {
  answered: 'answered',
  within: 'answered within deadline',
  late: 'answered late',
  missed: 'missed (deadline passed, no reply)',
  pending: 'waiting (deadline ahead)',
  due: 'due (answered or missed)',
  'open-at-end': 'still open at the end of the period',
  'answered-after': 'answered after the period',
};

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Each active filter other than the brand, in words, for the chips above the list. */
export function describeFilters(
  filters: InboxFilterValues,
  agents: ReadonlyMap<string, string> = new Map(),
  names: { tags?: ReadonlyMap<string, string>; streams?: ReadonlyMap<string, string> } = {},
): { keys: FilterKey[]; label: string }[] {
  const out: { keys: FilterKey[]; label: string }[] = [];
  const { postedFrom, postedBefore } = filters;
  if (postedFrom !== undefined || postedBefore !== undefined) {
    const keys: FilterKey[] = [];
    if (postedFrom !== undefined) keys.push('postedFrom');
    if (postedBefore !== undefined) keys.push('postedBefore');
    const label =
      postedFrom !== undefined && postedBefore !== undefined
        ? `Posted ${when(postedFrom)} – ${when(postedBefore)}`
        : postedFrom !== undefined
          ? `Posted from ${when(postedFrom)}`
          : `Posted before ${when(postedBefore!)}`;
    out.push({ keys, label });
  }
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined || key === 'brandId' || key === 'postedFrom' || key === 'postedBefore' || key === 'asOf') continue;
    const found = findingLabel(key, value, names);
    if (found !== null) {
      out.push({ keys: [key], label: found });
      continue;
    }
    const label =
      key === 'sentiment'
        ? `Sentiment: ${value}`
        : key === 'intent'
          ? `Intent: ${value}`
          : key === 'platform'
            ? `Platform: ${value}`
            : key === 'priority'
              ? `Priority: P${value}`
              : key === 'topic'
                ? value === 'none'
                  ? 'No topic'
                  : `Topic: ${value}`
                : key === 'agentId'
                  ? value === 'none'
                    ? 'Nobody answered'
                    : `First answered by ${agents.get(value) ?? 'an agent'}`
                  : key === 'authorHandle'
                    ? `Author: @${value}`
                    : key === 'assignee'
                      ? value === 'me'
                        ? 'Assigned to me'
                        : value === 'none'
                          ? 'Unassigned'
                          : `Assigned to ${agents.get(value) ?? 'a teammate'}`
                    : `Response: ${RESPONSE_WORDS[value] ?? value}`;
    out.push({ keys: key === 'response' || key === 'agentId' ? [key, 'asOf'] : [key], label });
  }
  if (filters.asOf !== undefined && (filters.response !== undefined || filters.agentId !== undefined)) {
    out.push({ keys: ['asOf'], label: `Replies counted up to ${when(filters.asOf)}` });
  }
  return out;
}

/** Chips of the finding filters (search, tag, stream, overdue); null for the others. */
function findingLabel(key: FilterKey, value: string, names: { tags?: ReadonlyMap<string, string>; streams?: ReadonlyMap<string, string> }): string | null {
  switch (key) {
    case 'search':
      return `Search: “${value}”`;
    case 'tagId':
      return `Tag: ${names.tags?.get(value) ?? 'a tag'}`;
    case 'streamId':
      return `Stream: ${names.streams?.get(value) ?? 'a stream'}`;
    case 'overdue':
      return 'Overdue';
    default:
      return null;
  }
}

/** The brand's name for a filter chip, or null when the brand filter is the picker's. */
export function brandName(brands: BrandDto[], id: string | undefined): string | null {
  if (id === undefined) return null;
  return brands.find((b) => b.id === id)?.name ?? 'Unknown brand';
}

/** The view with some filters removed. */
export function withoutFilters(view: InboxView, keys: readonly FilterKey[]): InboxView {
  const filters = { ...view.filters };
  for (const key of keys) delete filters[key];
  return { status: view.status, filters };
}

// The inbox view last shown, so the navigation's Inbox link returns to it (as the status and
// brand pickers did before they moved into the URL).
let lastShown: InboxSearch = {};

export function rememberInboxView(view: InboxView): void {
  lastShown = searchOfView(view);
}

/** The search parameters of the inbox view last shown ({} before any). */
export function lastInboxSearch(): InboxSearch {
  return lastShown;
}
