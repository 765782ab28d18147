import type { MouseEvent } from 'react';
import type { MentionDto } from '../../src/api/contract.ts';
import { AuthorHandle } from './AuthorHandle.tsx';
import { PlatformTag } from './PlatformTag.tsx';
import { PriorityBadge } from './PriorityBadge.tsx';
import { SentimentBadge } from './SentimentBadge.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';
import { timeAgo, truncate } from './format.ts';
import { mentionPath } from './use-route.ts';
import { cx } from './class-names.ts';
import styles from './InboxRow.module.css';

const LIST_TEXT_LIMIT = 220;

const STATUS_WORDS: Record<MentionDto['status'], string> = {
  open: 'Open',
  pending: 'Pending',
  answered: 'Answered',
  closed: 'Closed',
  ignored: 'Ignored',
};

interface Props {
  mention: MentionDto;
  now: number;
  selected: boolean;
  onSelect(id: string): void;
  /** Team inbox: ticked for a bulk action (shift: the range from the last one ticked). */
  checked?: boolean;
  onCheck?(id: string, range: boolean): void;
  /** The keyboard's place in the list. */
  cursor?: boolean;
  assigneeName?: string | null;
}

export function InboxRow({ mention, now, selected, onSelect, checked = false, onCheck, cursor = false, assigneeName = null }: Props) {
  const answered = mention.status !== 'open';
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // Let modified clicks open a new tab as links normally do.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onSelect(mention.id);
  };

  return (
    <li
      className={cx(styles.row, selected && styles.selected, answered && styles.answered, checked && styles.checked, cursor && styles.cursor, onCheck && styles.checkable)}
      data-cursor={cursor ? 'true' : undefined}
    >
      {onCheck && (
        <input
          type="checkbox"
          className={styles.rowCheck}
          checked={checked}
          aria-label={`Select the mention by ${mention.author.handle}`}
          data-testid="row-check"
          onChange={() => undefined}
          onClick={(e) => onCheck(mention.id, e.shiftKey)}
        />
      )}
      <a
        href={mentionPath(mention.id)}
        onClick={open}
        aria-current={selected ? 'true' : undefined}
        data-testid="inbox-row"
        data-mention-id={mention.id}
        data-status={mention.status}
      >
        <span className={styles.rowHead}>
          <PlatformTag platform={mention.platform} />
          <AuthorHandle handle={mention.author.handle} className={styles.handle} />
          <span className="muted small">{timeAgo(mention.postedAt, now)}</span>
          <span className={styles.rowDeadline}>
            {answered ? (
              <span className="badge answered-badge" data-testid="answered">
                {STATUS_WORDS[mention.status]}
              </span>
            ) : (
              <SlaCountdown dueAt={mention.slaDueAt} now={now} />
            )}
          </span>
        </span>
        <span className={styles.rowText} dir="auto" data-testid="mention-text">
          {truncate(mention.text, LIST_TEXT_LIMIT)}
        </span>
        <span className={styles.rowMeta}>
          <SentimentBadge sentiment={mention.sentiment} />
          <PriorityBadge priority={mention.priority} reason={mention.priorityReason} />
          {assigneeName !== null && (
            <span className={cx('badge', styles.assigneeBadge)} data-testid="row-assignee" title="Assigned to">
              {assigneeName}
            </span>
          )}
          {mention.tags.length > 0 && (
            <span className="tag-list" data-testid="row-tags">
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
