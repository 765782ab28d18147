import type { InboxCountsDto } from '../../src/api/contract.ts';
import type { InboxView } from './inbox-url.ts';
import { countLabel } from './use-inbox-counts.ts';
import { cx } from './class-names.ts';
import styles from './ViewTabs.module.css';

type Tab = { key: keyof Omit<InboxCountsDto, 'cap'>; label: string; view(v: InboxView): InboxView; active(v: InboxView): boolean };

const strip = (v: InboxView): InboxView['filters'] => {
  const { assignee: _a, response: _r, asOf: _o, ...rest } = v.filters;
  return rest;
};

const TABS: Tab[] = [
  { key: 'open', label: 'Open', view: (v) => ({ status: 'open', filters: strip(v) }), active: (v) => v.status === 'open' && v.filters.assignee === undefined && v.filters.response === undefined },
  { key: 'mine', label: 'Mine', view: (v) => ({ status: 'open', filters: { ...strip(v), assignee: 'me' } }), active: (v) => v.status === 'open' && v.filters.assignee === 'me' },
  { key: 'unassigned', label: 'Unassigned', view: (v) => ({ status: 'open', filters: { ...strip(v), assignee: 'none' } }), active: (v) => v.status === 'open' && v.filters.assignee === 'none' },
  {
    key: 'overdue',
    label: 'Overdue',
    view: (v) => ({ status: 'open', filters: { ...strip(v), response: 'missed' } }),
    active: (v) => v.status === 'open' && v.filters.response === 'missed' && v.filters.assignee === undefined,
  },
];

interface Props {
  view: InboxView;
  counts: InboxCountsDto | null;
  onView(view: InboxView): void;
}

/**
 * The team's working views with their counts (capped, kept live by useInboxCounts). "Open" is
 * the inbox's one Open control (the status row below has the other statuses).
 */
export function ViewTabs({ view, counts, onView }: Props) {
  return (
    <nav className={styles.viewTabs} aria-label="Inbox views" data-testid="view-tabs">
      {TABS.map((t) => (
        <button
          key={t.key}
          type="button"
          className={cx(styles.viewTab, t.active(view) && styles.active)}
          aria-pressed={t.active(view)}
          onClick={() => onView(t.view(view))}
          data-testid={`view-${t.key}`}
        >
          {t.label}
          <span className={styles.viewCount} data-testid={`count-${t.key}`}>
            {counts === null ? '…' : countLabel(counts[t.key], counts.cap)}
          </span>
        </button>
      ))}
    </nav>
  );
}
