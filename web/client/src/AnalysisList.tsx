import type { MentionDto } from '../../src/api/contract.ts';
import { CorrectionControl } from './CorrectionControl.tsx';
import { PriorityBadge } from './PriorityBadge.tsx';
import { SentimentBadge } from './SentimentBadge.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';
import { formatDateTime } from './format.ts';
import styles from './AnalysisList.module.css';

function percent(n: number): string {
  return `${String(Math.round(n * 100))}%`;
}

function signed(n: number): string {
  return (n > 0 ? '+' : '') + n.toFixed(2);
}

interface Props {
  mention: MentionDto;
  now: number;
  /** Offers "Correct" on sentiment, intent and priority; called with the updated mention. */
  onCorrected?(mention: MentionDto): void;
}

export function AnalysisList({ mention, now, onCorrected }: Props) {
  // Keyed by the current value: after a correction (or a live update) the control starts afresh.
  const correct = (field: 'sentiment' | 'intent' | 'priority') =>
    onCorrected !== undefined && (
      <CorrectionControl
        key={`${mention.id}-${field}-${field === 'priority' ? String(mention.priority) : mention[field]}`}
        mention={mention}
        field={field}
        onCorrected={onCorrected}
      />
    );
  return (
    <dl className={styles.analysis} data-testid="analysis">
      <dt>Sentiment</dt>
      <dd>
        <SentimentBadge sentiment={mention.sentiment} />{' '}
        {mention.corrected?.includes('sentiment') ? (
          // The model's score belongs to the label it gave; beside an agent's label it would contradict it.
          <span className="muted small" data-testid="sentiment-source">
            set by an agent
          </span>
        ) : (
          <span className="muted small" title="The model's score, from −1 (very negative) to +1 (very positive)">
            model score {signed(mention.sentimentScore)}
          </span>
        )}
        {correct('sentiment')}
      </dd>
      <dt>Confidence</dt>
      <dd>{mention.corrected?.includes('sentiment') ? <span className="muted">agent’s label</span> : percent(mention.confidence)}</dd>
      <dt>Intent</dt>
      <dd>
        <span className="capitalize" data-testid="intent">
          {mention.intent}
        </span>
        {mention.isSpam && mention.intent !== 'spam' && ' (likely spam)'}
        {correct('intent')}
      </dd>
      <dt>Topic</dt>
      <dd>{mention.topic ?? <span className="muted">none detected</span>}</dd>
      <dt>Priority</dt>
      <dd>
        <PriorityBadge priority={mention.priority} reason={mention.priorityReason} />
        {correct('priority')}
      </dd>
      <dt>Deadline</dt>
      <dd data-testid="deadline" data-due-at={mention.slaDueAt}>
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
