import type { ReplyDto } from '../../src/api/contract.ts';
import { cx } from './class-names.ts';
import styles from './ReplyStateBadge.module.css';

const LABELS: Record<ReplyDto['state'], string> = {
  queued: 'Queued',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
  unknown: 'Outcome unknown',
};

const HINTS: Record<ReplyDto['state'], string> = {
  queued: 'Waiting to be posted',
  sending: 'Being posted to the platform now',
  sent: 'Posted on the platform',
  failed: 'The platform refused this reply; it was not posted',
  unknown: 'The send was interrupted; Earshot is checking with the platform whether it was posted',
};

export function ReplyStateBadge({ state }: { state: ReplyDto['state'] }) {
  return (
    <span className={cx('badge', styles[state])} title={HINTS[state]} data-testid="reply-state" data-state={state}>
      {LABELS[state]}
    </span>
  );
}
