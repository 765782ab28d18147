import type { ReplyDto } from '../../src/api/contract.ts';
import { ReplyStateBadge } from './ReplyStateBadge.tsx';
import { formatDateTime, safeExternalUrl } from './format.ts';
import { cx } from './class-names.ts';
import styles from './ReplyItem.module.css';

export function ReplyItem({ reply }: { reply: ReplyDto }) {
  const url = safeExternalUrl(reply.url);
  return (
    <li className={cx(styles.reply, reply.state === 'failed' && styles.failed)} data-testid="reply" data-reply-id={reply.id} data-state={reply.state}>
      <div className={styles.replyHead}>
        <span className="strong">{reply.userName ?? 'Someone'}</span>
        <time className="muted small" dateTime={reply.createdAt}>
          {formatDateTime(reply.createdAt)}
        </time>
        <ReplyStateBadge state={reply.state} />
      </div>
      <p className="reply-text" dir="auto">
        {reply.text}
      </p>
      {reply.error !== null && (
        <p className={styles.replyError} data-testid="reply-error">
          {reply.error}
        </p>
      )}
      {reply.state === 'sent' && (
        <p className="muted small">
          Posted{reply.sentAt !== null && ` ${formatDateTime(reply.sentAt)}`}
          {url !== null && (
            <>
              {' · '}
              <a href={url} target="_blank" rel="noopener noreferrer" data-testid="reply-link">
                View posted reply
              </a>
            </>
          )}
        </p>
      )}
    </li>
  );
}
