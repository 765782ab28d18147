import type { StatusFilter, Inbox } from './use-inbox.ts';
import { InboxRow } from './InboxRow.tsx';
import { useNow } from './use-now.ts';
import styles from './InboxList.module.css';

const EMPTY_TEXT: Record<StatusFilter, string> = {
  open: 'No open mentions. New ones appear here as they arrive.',
  pending: 'Nothing is waiting on a customer.',
  answered: 'No answered mentions yet.',
  closed: 'No closed mentions yet.',
  ignored: 'Nothing has been ignored.',
  all: 'No mentions yet. They appear here as soon as a stream collects them.',
};

interface Props {
  inbox: Inbox;
  status: StatusFilter;
  /** Filters beyond status and brand are active: the empty text says so. */
  filtered?: boolean;
  selectedId: string | null;
  onSelect(id: string): void;
  /** Team inbox: bulk selection, the keyboard cursor, and assignees' names. */
  checkedIds?: ReadonlySet<string>;
  onCheck?(id: string, range: boolean): void;
  cursorId?: string | null;
  assigneeNames?: ReadonlyMap<string, string>;
}

export function InboxList({ inbox, status, filtered = false, selectedId, onSelect, checkedIds, onCheck, cursorId = null, assigneeNames }: Props) {
  const now = useNow(1000);

  if (inbox.loading) {
    return (
      <p className="placeholder" role="status">
        Loading mentions…
      </p>
    );
  }

  return (
    <>
      {inbox.error !== null && (
        <div className="alert" role="alert" data-testid="inbox-error">
          <span>{inbox.error}</span>
          {inbox.items.length === 0 && (
            <button type="button" className="button small" onClick={inbox.retry}>
              Try again
            </button>
          )}
        </div>
      )}
      {inbox.items.length === 0 && inbox.error === null ? (
        <p className="placeholder" data-testid="inbox-empty">
          {filtered ? 'No mentions match these filters.' : EMPTY_TEXT[status]}
        </p>
      ) : (
        <ol className={styles.rows} data-testid="inbox-list" aria-label="Mentions, earliest deadline first">
          {inbox.items.map((m) => (
            <InboxRow
              key={m.id}
              mention={m}
              now={now}
              selected={m.id === selectedId}
              onSelect={onSelect}
              checked={checkedIds?.has(m.id) ?? false}
              {...(onCheck ? { onCheck } : {})}
              cursor={m.id === cursorId}
              assigneeName={m.assigneeId === null ? null : (assigneeNames?.get(m.assigneeId) ?? 'A teammate')}
            />
          ))}
        </ol>
      )}
      {inbox.nextCursor !== null && (
        <div className="load-more">
          <button
            type="button"
            className="button"
            onClick={inbox.loadMore}
            disabled={inbox.loadingMore}
            data-testid="load-more"
          >
            {inbox.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
