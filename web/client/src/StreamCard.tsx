import { useEffect, useRef, useState } from 'react';
import type { PlatformDto, StreamDto } from '../../src/api/contract.ts';
import { errorMessage } from './api.ts';
import { useApiMutation } from './hooks/use-api-mutation.ts';
import { streamPatch, streamPut } from './use-streams.ts';
import { BudgetMeter } from './BudgetMeter.tsx';
import { DeleteStreamPanel } from './DeleteStreamPanel.tsx';
import { PlatformTag } from './PlatformTag.tsx';
import { StreamEditForm } from './StreamEditForm.tsx';
import { StreamHealthBadge } from './StreamHealthBadge.tsx';
import { cx } from './class-names.ts';
import styles from './StreamCard.module.css';
import { formatClock, formatDateTime, formatDuration, formatNumber, timeAgo } from './format.ts';

interface Props {
  stream: StreamDto;
  brandName: string | null;
  canManage: boolean;
  highlighted: boolean;
  now: number;
  /** The stream's platform (its query form); undefined when the list of platforms is not loaded. */
  platform?: PlatformDto | undefined;
  onDeleted?(stream: StreamDto): void;
}

function When({ at, now, never }: { at: string | null; now: number; never: string }) {
  if (at === null) return <span className="muted">{never}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {timeAgo(at, now)}
    </time>
  );
}

export function StreamCard({ stream, brandName, canManage, highlighted, now, platform, onDeleted }: Props) {
  const { health } = stream;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [highlighted]);

  const toggle = useApiMutation<boolean, { stream: StreamDto }>({
    request: (enabled) => streamPatch(stream.id, { enabled }),
    put: ({ stream: saved }) => [streamPut(saved.id, saved)],
  });
  const error = toggle.error === null ? null : errorMessage(toggle.error);

  const headingId = `stream-${stream.id}-name`;
  return (
    <article
      ref={ref}
      className={cx('card', styles.stream, highlighted && styles.highlighted)}
      data-highlighted={highlighted ? 'true' : undefined}
      aria-labelledby={headingId}
      data-testid="stream"
      data-stream-id={stream.id}
    >
      <div className={styles.streamHead}>
        <div className={styles.streamTitle}>
          <h2 id={headingId} dir="auto">
            {stream.name}
          </h2>
          <span className="muted small">
            <PlatformTag platform={stream.platform} />
            {brandName !== null && <> · {brandName}</>} · polls every {formatDuration(stream.pollIntervalMs)}
          </span>
        </div>
        <StreamHealthBadge state={health.state} />
        {canManage && (
          <div className={styles.streamActions}>
            <button
              type="button"
              role="switch"
              aria-checked={stream.enabled}
              className={cx(styles.switch, stream.enabled && styles.on)}
              onClick={() => toggle.mutate(!stream.enabled)}
              disabled={toggle.isPending}
              aria-label={`Polling enabled for ${stream.name}`}
              data-testid="stream-enabled"
            >
              <span className={styles.switchTrack} aria-hidden="true">
                <span className={styles.switchThumb} />
              </span>
              {/* Says the state in words too: a switch's position alone is easy to misread. */}
              {stream.enabled ? 'Enabled' : 'Disabled'}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => setEditing((e) => !e)}
              aria-expanded={editing}
              aria-label={`${editing ? 'Close' : 'Edit'} ${stream.name}`}
              data-testid="stream-edit"
            >
              {editing ? 'Close' : 'Edit'}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => setDeleting((d) => !d)}
              aria-expanded={deleting}
              aria-label={`Delete ${stream.name}`}
              data-testid="stream-delete"
            >
              Delete
            </button>
          </div>
        )}
      </div>

      {health.rateLimitedUntil !== null && (
        <p className="stream-note warn" data-testid="stream-rate-limited">
          Rate limited until{' '}
          <time dateTime={health.rateLimitedUntil} title={formatDateTime(health.rateLimitedUntil)}>
            {formatClock(health.rateLimitedUntil, now)}
          </time>
          ; polling resumes then on its own.
        </p>
      )}
      {health.state === 'budget-exhausted' && (
        <p className="stream-note warn">
          This month&apos;s read budget is used up; polling resumes next month, or raise the budget.
        </p>
      )}
      {health.notice !== null && (
        <p className="stream-note warn" data-testid="stream-notice">
          <span className="strong">
            Note{health.noticeAt !== null && (
              <>
                {' ('}
                <When at={health.noticeAt} now={now} never="" />
                {')'}
              </>
            )}
          </span>
          {': '}
          <span dir="auto">{health.notice}</span>
        </p>
      )}
      {health.lastError !== null && (
        <p className={`stream-note${health.state === 'failing' ? ' bad' : ''}`} data-testid="stream-last-error">
          <span className="strong">
            {health.state === 'failing' && health.failingSince !== null
              ? `Failing for ${formatDuration(now - Date.parse(health.failingSince))}`
              : 'Last error'}
          </span>
          {': '}
          <span dir="auto">{health.lastError}</span>
        </p>
      )}

      <dl className={styles.streamStats}>
        <div>
          <dt>Last poll</dt>
          <dd data-testid="stream-last-poll">
            <When at={health.lastPollAt} now={now} never="not yet" />
          </dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd data-testid="stream-last-success">
            <When at={health.lastSuccessAt} now={now} never="never" />
          </dd>
        </div>
        <div>
          <dt>Fetched today</dt>
          <dd data-testid="stream-fetched-today" data-value={health.fetchedToday}>
            {formatNumber(health.fetchedToday)}
          </dd>
        </div>
        <div>
          <dt>Reads this month</dt>
          <dd>
            <BudgetMeter used={health.readsThisMonth} budget={health.readBudgetMonthly} />
          </dd>
        </div>
      </dl>

      {error !== null && (
        <p className="alert" role="alert" data-testid="stream-error">
          {error}
        </p>
      )}
      {deleting && (
        <DeleteStreamPanel stream={stream} onDeleted={() => onDeleted?.(stream)} onCancel={() => setDeleting(false)} />
      )}
      {editing && (
        <StreamEditForm
          stream={stream}
          platform={platform}
          onDone={() => setEditing(false)}
        />
      )}
    </article>
  );
}
