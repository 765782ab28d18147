import type { Route } from './use-route.ts';
import { followLink } from './use-route.ts';
import { lastInboxPath } from './inbox-url.ts';

interface Props {
  route: Route;
  isAdmin: boolean;
}

export function Nav({ route, isAdmin }: Props) {
  const items: { page: Route['page']; path: string; label: string }[] = [
    { page: 'inbox', path: lastInboxPath(), label: 'Inbox' },
    { page: 'streams', path: '/streams', label: 'Streams' },
    { page: 'alerts', path: '/alerts', label: 'Alerts' },
    { page: 'reports', path: '/reports', label: 'Reports' },
    ...(isAdmin ? [{ page: 'settings' as const, path: '/settings', label: 'Settings' }] : []),
  ];
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.page}>
            <a
              href={item.path}
              onClick={(e) => followLink(e, item.path)}
              aria-current={route.page === item.page ? 'page' : undefined}
              data-testid={`nav-${item.page}`}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
