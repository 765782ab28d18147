import { Link } from '@tanstack/react-router';
import { roleAtLeast } from '../../src/api/roles.ts';
import type { InboxCountsDto, NoticeDto, UserDto } from '../../src/api/contract.ts';
import { NoticesBell } from './NoticesBell.tsx';
import type { LiveStatus } from './live-events.ts';
import { Nav } from './Nav.tsx';
import { cx } from './class-names.ts';
import styles from './Header.module.css';
import type { Readiness } from './use-readiness.ts';

const LIVE_LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

const LIVE_CLASSES: Record<LiveStatus, string | undefined> = {
  connecting: styles.liveConnecting,
  live: styles.liveLive,
  reconnecting: styles.liveReconnecting,
};

interface Props {
  user: UserDto;
  live: LiveStatus;
  readiness: Readiness;
  signingOut: boolean;
  onSignOut(): void;
  counts?: InboxCountsDto | null;
  notices?: { notices: NoticeDto[]; unread: number; markRead(): Promise<void> };
}

export function Header({ user, live, readiness, signingOut, onSignOut, counts = null, notices }: Props) {
  return (
    <header className={styles.appHeader}>
      <Link className={styles.brand} to="/" activeProps={{}}>
        Earshot
      </Link>
      <Nav isAdmin={user.role === 'admin'} canManage={roleAtLeast(user.role, 'manager')} counts={counts} />
      <span className={cx(styles.live, LIVE_CLASSES[live])} role="status" data-testid="live-status" data-status={live}>
        <span className="dot" aria-hidden="true" />
        {LIVE_LABELS[live]}
      </span>
      {readiness.status === 'degraded' && (
        // The server answers but PostgreSQL or Redis does not: new mentions and replies wait.
        <span className={cx(styles.live, styles.liveDegraded)} role="alert" data-testid="readiness" data-status="degraded" title={readiness.message}>
          <span className="dot" aria-hidden="true" />
          Degraded
          <span className={cx('muted small', styles.degradedDetail)}>{readiness.message}</span>
        </span>
      )}
      <span className="spacer" />
      {notices && <NoticesBell notices={notices.notices} unread={notices.unread} onOpenList={() => void notices.markRead()} />}
      <Link className={styles.user} to="/account" activeProps={{}} title="Your account and API tokens" data-testid="signed-in-user">
        <span className="strong">{user.name}</span>{' '}
        <span className="muted small">
          {user.email} · {user.role}
        </span>
      </Link>
      <button type="button" className="button" onClick={onSignOut} disabled={signingOut} data-testid="sign-out">
        {signingOut ? 'Signing out…' : 'Sign out'}
      </button>
    </header>
  );
}
