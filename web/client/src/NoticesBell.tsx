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
Notices
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
