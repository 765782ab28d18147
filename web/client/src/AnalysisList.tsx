import type { MentionDto } from '../../src/api/contract.ts';
import { PriorityBadge } from './PriorityBadge.tsx';
import { SentimentBadge } from './SentimentBadge.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';
import { formatDateTime } from './format.ts';

function percent(n: number): string {
  return `${String(Math.round(n * 100))}%`;
}

function signed(n: number): string {
  return (n > 0 ? '+' : '') + n.toFixed(2);
}

export function AnalysisList({ mention, now }: { mention: MentionDto; now: number }) {
  return (
    <dl className="analysis" data-testid="analysis">
      <dt>Sentiment</dt>
      <dd>
        <SentimentBadge sentiment={mention.sentiment} />{' '}
        <span className="muted small" title="From −1 (very negative) to +1 (very positive)">
          score {signed(mention.sentimentScore)}
        </span>
      </dd>
      <dt>Confidence</dt>
      <dd>{percent(mention.confidence)}</dd>
      <dt>Intent</dt>
      <dd className="capitalize">
        {mention.intent}
        {mention.isSpam && mention.intent !== 'spam' && ' (likely spam)'}
      </dd>
      <dt>Topic</dt>
      <dd>{mention.topic ?? <span className="muted">none detected</span>}</dd>
      <dt>Priority</dt>
      <dd>
        <PriorityBadge priority={mention.priority} reason={mention.priorityReason} />
      </dd>
      <dt>Deadline</dt>
      <dd>
        {formatDateTime(mention.slaDueAt)}
        {mention.status === 'open' && (
          <>
            {' · '}
            <SlaCountdown dueAt={mention.slaDueAt} now={now} />
          </>
        )}
      </dd>
      <dt>Status</dt>
      <dd data-testid="mention-status" data-status={mention.status}>
        {mention.status === 'open' && 'Open'}
        {mention.status === 'closed' && 'Closed'}
        {mention.status === 'answered' && (
          <span className="badge answered-badge">
            Answered{mention.answeredAt !== null && ` ${formatDateTime(mention.answeredAt)}`}
          </span>
        )}
      </dd>
    </dl>
  );
}
