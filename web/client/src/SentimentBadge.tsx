import type { MentionDto } from '../../src/api/contract.ts';
import { cx } from './class-names.ts';
import styles from './SentimentBadge.module.css';

const LABELS: Record<MentionDto['sentiment'], string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

/** Sentiment as colour and word, so it reads without colour too. */
export function SentimentBadge({ sentiment }: { sentiment: MentionDto['sentiment'] }) {
  return (
    <span className={cx('badge', styles[sentiment])} data-testid="sentiment">
      <span className="dot" aria-hidden="true" />
      {LABELS[sentiment]}
    </span>
  );
}
