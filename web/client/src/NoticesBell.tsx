import { useState } from 'react';
import type { NoticeDto } from '../../src/api/contract.ts';
import { formatDateTime } from './format.ts';
import { mentionPath, navigate } from './use-route.ts';

interface Props {
  notices: NoticeDto[];
  unread: number;
  onOpenList(): void;
}

/** The bell in the header: the user's own notices (follow-ups due, notes that mention them). */
export function NoticesBell({ notices, unread, onOpenList }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div className="bell">
      <button
        type="button"
        className="button bell-button"
        aria-expanded={open}
        aria-controls="notices-list"
        data-testid="notices-bell"
        onClick={() => {
          const next = !open;
          setOpen(next);
          if (next && unread > 0) onOpenList();
        }}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
        </svg>
        <span className="visually-hidden">Notifications</span>
        {unread > 0 && (
          <span className="bell-count" data-testid="notices-unread">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </button>
      {open && (
        <div id="notices-list" className="bell-list" data-testid="notices-list">
          {notices.length === 0 ? (
            <p className="muted small">Nothing for you yet. Follow-ups that come due and notes that mention you show here.</p>
          ) : (
            <ul>
              {notices.map((n) => (
                <li key={n.id} className={n.read ? 'read' : 'unread'} data-testid="notice">
                  {n.mentionId !== null ? (
                    <a
                      href={mentionPath(n.mentionId)}
                      onClick={(e) => {
                        e.preventDefault();
                        setOpen(false);
                        navigate(mentionPath(n.mentionId!));
                      }}
                    >
                      {n.text}
                    </a>
                  ) : (
                    <span>{n.text}</span>
                  )}
                  <time className="muted small" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
