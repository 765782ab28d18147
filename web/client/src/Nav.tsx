import { useEffect, useId, useState } from 'react';
import type { Route } from './use-route.ts';
import { followLink } from './use-route.ts';
import { lastInboxPath } from './inbox-url.ts';
import type { InboxCountsDto } from '../../src/api/contract.ts';
import { countLabel } from './use-inbox-counts.ts';
import { SavedViewsNav } from './SavedViewsNav.tsx';

interface Props {
  route: Route;
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

export function Nav({ route, isAdmin, canManage, counts = null }: Props) {
  const items: { page: Route['page']; path: string; label: string; className?: string }[] = [
    { page: 'inbox', path: lastInboxPath(), label: 'Inbox' },
    { page: 'streams', path: '/streams', label: 'Streams' },
    { page: 'alerts', path: '/alerts', label: 'Alerts' },
    { page: 'reports', path: '/reports', label: 'Reports' },
    ...(canManage ? [{ page: 'settings' as const, path: '/settings', label: 'Settings' }] : []),
    ...(isAdmin
      ? [
          { page: 'team' as const, path: '/team', label: 'Team' },
          { page: 'audit' as const, path: '/audit', label: 'Audit' },
        ]
      : []),
    // On wide screens the name in the header leads there; phones hide the name.
    { page: 'account', path: '/account', label: 'Account', className: 'nav-narrow-only' },
  ];
  // Phones show one "Menu" row instead of three rows of tabs; it folds away after each move.
  const [open, setOpen] = useState(false);
  const listId = useId();
  const where = `${route.page} ${window.location.pathname}${window.location.search}`;
  useEffect(() => setOpen(false), [where]);
  const current = items.find((item) => item.page === route.page)?.label;
  return (
    <nav className={`nav${open ? ' open' : ''}`} aria-label="Main">
      <button
        type="button"
        className="nav-menu button small"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="nav-menu"
      >
        <span aria-hidden="true">{open ? '✕' : '☰'}</span> Menu{current === undefined ? '' : ` · ${current}`}
        {counts !== null && <OpenCount counts={counts} />}
      </button>
      <ul id={listId}>
        {items.map((item) => (
          <li key={item.page} className={item.className}>
            <a
              href={item.path}
              onClick={(e) => followLink(e, item.path)}
              aria-current={route.page === item.page ? 'page' : undefined}
              data-testid={`nav-${item.page}`}
            >
              {item.label}
              {item.page === 'inbox' && counts !== null && <OpenCount counts={counts} testId="nav-inbox-count" />}
            </a>
          </li>
        ))}
      </ul>
      <SavedViewsNav currentSearch={route.page === 'inbox' ? window.location.search : null} />
    </nav>
  );
}
