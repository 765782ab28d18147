import type { PlatformDto, StreamDto } from '../../src/api/contract.ts';
import type { FilterKey, InboxView } from './inbox-url.ts';
import { useResource } from './use-resource.ts';
import { useTeammates } from './use-teammates.ts';
import styles from './InboxMoreFilters.module.css';

interface Props {
  view: InboxView;
  onView(view: InboxView): void;
  streams: StreamDto[];
}

/** The filters the list offers besides search, tag, stream and overdue, folded away until asked for. */
const KEYS = ['platform', 'sentiment', 'intent', 'priority', 'assignee', 'postedFrom', 'postedBefore'] as const satisfies readonly FilterKey[];

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const INTENTS = ['complaint', 'question', 'praise', 'other', 'spam'] as const;
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "2026-12-01" (the date field's value, a local day) ↔ the instant it starts. */
function dayToInstant(day: string, plusDays = 0): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return undefined;
  return new Date(y, m - 1, d + plusDays).toISOString();
}
function instantToDay(instant: string | undefined, minusDays = 0): string {
  if (instant === undefined) return '';
  const at = new Date(Date.parse(instant));
  if (Number.isNaN(at.getTime())) return '';
  at.setDate(at.getDate() - minusDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * Platform, sentiment, intent, priority, assignee and the days posted, each combinable with every
 * other filter and kept in the URL like them. The date range is in the browser's time zone: "to"
 * includes the whole day (the URL holds the instant the next day starts, as `postedBefore`).
 */
export function InboxMoreFilters({ view, onView, streams }: Props) {
  const { teammates } = useTeammates();
  // Every platform Earshot can read, labelled as the server names it; the streams' own first.
  const known = useResource<{ platforms: PlatformDto[] }>('/api/platforms').data?.platforms ?? [];
  const streamed = new Set(streams.map((s) => s.platform));
  const platforms = [...known].sort((a, b) => Number(streamed.has(b.platform)) - Number(streamed.has(a.platform)));
  const platformKnown = view.filters.platform === undefined || platforms.some((p) => p.platform === view.filters.platform);
  const active = KEYS.filter((k) => view.filters[k] !== undefined).length;
  const set = (key: (typeof KEYS)[number], value: string | undefined) =>
    onView({ status: view.status, filters: { ...view.filters, [key]: value === '' ? undefined : value } });
  const assignee = view.filters.assignee ?? '';
  const assigneeKnown = ['', 'me', 'none'].includes(assignee) || teammates.some((t) => t.id === assignee);

  return (
    <details className={styles.moreFilters} data-testid="more-filters" open={active > 0 ? true : undefined}>
      <summary>
        More filters{active > 0 && <span className={styles.count}> ({active})</span>}
      </summary>
      <div className={styles.moreFiltersGrid}>
        <label>
          Platform
          <select value={view.filters.platform ?? ''} onChange={(e) => set('platform', e.target.value)} data-testid="platform-filter">
            <option value="">Any platform</option>
            {platforms.map((p) => (
              <option key={p.platform} value={p.platform}>
                {p.label}
              </option>
            ))}
            {!platformKnown && <option value={view.filters.platform}>{view.filters.platform}</option>}
          </select>
        </label>
        <label>
          Sentiment
          <select value={view.filters.sentiment ?? ''} onChange={(e) => set('sentiment', e.target.value)} data-testid="sentiment-filter">
            <option value="">Any sentiment</option>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {capitalised(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Intent
          <select value={view.filters.intent ?? ''} onChange={(e) => set('intent', e.target.value)} data-testid="intent-filter">
            <option value="">Any intent</option>
            {INTENTS.map((i) => (
              <option key={i} value={i}>
                {capitalised(i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select value={view.filters.priority ?? ''} onChange={(e) => set('priority', e.target.value)} data-testid="priority-filter">
            <option value="">Any priority</option>
            {[1, 2, 3, 4].map((p) => (
              <option key={p} value={String(p)}>
                P{p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assigned to
          <select value={assignee} onChange={(e) => set('assignee', e.target.value)} data-testid="assignee-filter">
            <option value="">Anyone or nobody</option>
            <option value="me">Me</option>
            <option value="none">Nobody (unassigned)</option>
            {teammates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {!assigneeKnown && <option value={assignee}>A former teammate</option>}
          </select>
        </label>
        <label>
          Posted from
          <input
            type="date"
            value={instantToDay(view.filters.postedFrom)}
            max={instantToDay(view.filters.postedBefore, 1) || undefined}
            onChange={(e) => set('postedFrom', e.target.value === '' ? undefined : dayToInstant(e.target.value))}
            data-testid="posted-from-filter"
          />
        </label>
        <label>
          Posted to
          <input
            type="date"
            value={instantToDay(view.filters.postedBefore, 1)}
            min={instantToDay(view.filters.postedFrom) || undefined}
            onChange={(e) => set('postedBefore', e.target.value === '' ? undefined : dayToInstant(e.target.value, 1))}
            data-testid="posted-to-filter"
          />
        </label>
      </div>
    </details>
  );
}
