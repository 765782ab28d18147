import { formatDateTime, timeLeft } from './format.ts';

/** Time left until the response deadline, re-rendered as `now` ticks. */
export function SlaCountdown({ dueAt, now }: { dueAt: string; now: number }) {
  const { label, urgency } = timeLeft(dueAt, now);
  return (
    <time
      className={`sla sla-${urgency}`}
      dateTime={dueAt}
      title={`Reply due ${formatDateTime(dueAt)}`}
      data-testid="sla"
    >
      {label}
    </time>
  );
}
