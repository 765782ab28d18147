import type { MouseEvent } from 'react';
import type { MentionDto } from '../../src/api/contract.ts';
import { AuthorHandle } from './AuthorHandle.tsx';
import { PlatformTag } from './PlatformTag.tsx';
import { PriorityBadge } from './PriorityBadge.tsx';
import { SentimentBadge } from './SentimentBadge.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';
import { timeAgo, truncate } from './format.ts';
import { mentionPath } from './use-route.ts';
import './inbox-density.css';

const LIST_TEXT_LIMIT = 220;

interface Props {
  mention: MentionDto;
  now: number;
  selected: boolean;
  onSelect(id: string): void;
}

export function InboxRow({ mention, now, selected, onSelect }: Props) {
  const answered = mention.status !== 'open';
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // Let modified clicks open a new tab as links normally do.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onSelect(mention.id);
  };

  return (
    <li className={`row${selected ? ' selected' : ''}${answered ? ' answered' : ''}`}>
      <a
        href={mentionPath(mention.id)}
        onClick={open}
        aria-current={selected ? 'true' : undefined}
        data-testid="inbox-row"
        data-mention-id={mention.id}
        data-status={mention.status}
      >
        <span className="row-head">
          <PlatformTag platform={mention.platform} />
          <AuthorHandle handle={mention.author.handle} />
          <span className="muted small">{timeAgo(mention.postedAt, now)}</span>
          <span className="row-deadline">
            {answered ? (
              <span className="badge answered-badge" data-testid="answered">
                {mention.status === 'closed' ? 'Closed' : 'Answered'}
              </span>
            ) : (
              <SlaCountdown dueAt={mention.slaDueAt} now={now} />
            )}
          </span>
        </span>
        <span className="row-text" dir="auto" data-testid="mention-text">
          {truncate(mention.text, LIST_TEXT_LIMIT)}
        </span>
        <span className="row-meta">
          <SentimentBadge sentiment={mention.sentiment} />
          <PriorityBadge priority={mention.priority} reason={mention.priorityReason} />
          {mention.tags.length > 0 && (
            <span className="row-tags" data-testid="row-tags">
              {mention.tags.map((t) => (
                <span key={t.id} className="tag">
                  {t.name}
                </span>
              ))}
            </span>
          )}
        </span>
      </a>
    </li>
  );
}
