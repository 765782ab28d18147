import { Link, useRouterState } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import type { InboxCountsDto } from '../../src/api/contract.ts';
import { lastInboxSearch } from './inbox-url.ts';
import { countLabel } from './use-inbox-counts.ts';
import { SavedViewsNav } from './SavedViewsNav.tsx';
import { cx } from './class-names.ts';
import styles from './Nav.module.css';

interface Props {
  isAdmin: boolean;
  /** Managers and admins: Settings (response targets, channels). */
  canManage: boolean;
  /** Open mentions (and how many overdue) beside Inbox. */
  counts?: InboxCountsDto | null;
}

/** Open mentions, marked when some are overdue; the hover says both. */
function OpenCount({ counts, testId }: { counts: InboxCountsDto; testId?: string }) {
  return (
    <span
      className={`nav-count${counts.overdue > 0 ? ' overdue' : ''}`}
      data-testid={testId}
      title={`${countLabel(counts.open, counts.cap)} open, ${countLabel(counts.overdue, counts.cap)} overdue`}
    >
      {countLabel(counts.open, counts.cap)}
    </span>
  );
}

// Each section is current while its route (or one below it) is shown; incidents belong to alerts.
const SECTIONS = [
  { key: 'inbox', to: '/', routeIds: ['/inbox-view'], label: 'Inbox' },
  { key: 'streams', to: '/streams', routeIds: ['/streams'], label: 'Streams' },
  { key: 'alerts', to: '/alerts', routeIds: ['/alerts', '/incidents/$incidentId'], label: 'Alerts' },
  { key: 'reports', to: '/reports', routeIds: ['/reports'], label: 'Reports' },
  { key: 'settings', to: '/settings', routeIds: ['/settings'], label: 'Settings', least: 'manager' },
  { key: 'team', to: '/team', routeIds: ['/team'], label: 'Team', least: 'admin' },
  { key: 'audit', to: '/audit', routeIds: ['/audit'], label: 'Audit', least: 'admin' },
  // On wide screens the name in the header leads there; phones hide the name.
  { key: 'account', to: '/account', routeIds: ['/account'], label: 'Account', narrowOnly: true },
] as const;

export function Nav({ isAdmin, canManage, counts = null }: Props) {
  const items = SECTIONS.filter((s) => !('least' in s) || (s.least === 'admin' ? isAdmin : canManage));
  const routeIds = useRouterState({ select: (s) => s.matches.map((m) => m.routeId as string), structuralSharing: true });
  const href = useRouterState({ select: (s) => s.location.href });
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  const current = items.find((item) => item.routeIds.some((id) => routeIds.includes(id)));
  const onInbox = current?.key === 'inbox';
  // Phones show one "Menu" row instead of three rows of tabs; it folds away after each move.
  const [open, setOpen] = useState(false);
  const listId = useId();
  useEffect(() => setOpen(false), [href]);
  return (
    <nav className={cx(styles.nav, open && styles.open)} aria-label="Main">
      <button
        type="button"
        className={cx(styles.navMenu, 'button small')}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="nav-menu"
      >
        <span aria-hidden="true">{open ? '✕' : '☰'}</span> Menu{current === undefined ? '' : ` · ${current.label}`}
        {counts !== null && <OpenCount counts={counts} />}
      </button>
      <ul id={listId}>
        {items.map((item) => (
          <li key={item.key} className={'narrowOnly' in item ? styles.navNarrowOnly : undefined}>
            <Link
              to={item.to}
              // Inbox returns to the view last shown (on the inbox itself: the one shown, closing any mention).
              search={item.key === 'inbox' ? (onInbox ? true : lastInboxSearch()) : undefined}
              activeProps={{}}
              aria-current={current?.key === item.key ? 'page' : undefined}
              data-testid={`nav-${item.key}`}
            >
              {item.label}
              {item.key === 'inbox' && counts !== null && <OpenCount counts={counts} testId="nav-inbox-count" />}
            </Link>
          </li>
        ))}
      </ul>
      <SavedViewsNav currentSearch={onInbox ? searchStr : null} />
    </nav>
  );
}
