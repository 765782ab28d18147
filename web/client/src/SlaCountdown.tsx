import { formatDateTime, timeLeft } from './format.ts';
import { cx } from './class-names.ts';
import styles from './SlaCountdown.module.css';

/** Time left until the response deadline, re-rendered as `now` ticks. */
export function SlaCountdown({ dueAt, now }: { dueAt: string; now: number }) {
  const { label, urgency } = timeLeft(dueAt, now);
  return (
    <time
      className={cx(styles.sla, styles[urgency])}
      dateTime={dueAt}
      title={`Reply due ${formatDateTime(dueAt)}`}
      data-testid="sla"
    >
      {label}
    </time>
  );
}
