import type { MentionDto, TeammateDto } from '../../src/api/contract.ts';
import { formatDateTime } from './format.ts';
import { followUpChoices, type ManualStatus } from './triage.ts';
import { cx } from './class-names.ts';
import styles from './TriageBar.module.css';

interface Props {
  mention: MentionDto;
  meId: string;
  teammates: TeammateDto[];
  busy: boolean;
  error: string | null;
  onAssign(assigneeId: string | null): void;
  onStatus(status: ManualStatus, followUpAt?: Date): void;
  /** Closes this mention and opens the next one in the list. */
  onCloseAndNext(): void;
}

const DONE: Partial<Record<MentionDto['status'], string>> = {
  answered: 'Answered',
  closed: 'Closed',
  ignored: 'Ignored (spam, not for us)',
};

/** Status and assignment of the open mention. */
export function TriageBar({ mention, meId, teammates, busy, error, onAssign, onStatus, onCloseAndNext }: Props) {
  const assignable = teammates.filter((t) => t.role !== 'viewer');
  const assignee = teammates.find((t) => t.id === mention.assigneeId);
  return (
    <div className={styles.triage} data-testid="triage" aria-label="Status and assignment" role="group">
      <div className={styles.triageRow}>
        <span className={cx(styles.statusPill, styles[mention.status])} data-testid="triage-status" data-status={mention.status}>
          {mention.status === 'pending' && mention.followUpAt !== null
            ? `Pending until ${formatDateTime(mention.followUpAt)}`
            : (DONE[mention.status] ?? 'Open')}
        </span>
        <label className={styles.assign}>
          <span className="muted small">Assigned to</span>
          <select
            className="select-small"
            value={mention.assigneeId ?? ''}
            disabled={busy}
            data-testid="assignee-select"
            onChange={(e) => onAssign(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">Nobody</option>
            {assignable.map((t) => (
              <option key={t.id} value={t.id}>
                {t.id === meId ? `${t.name} (me)` : t.name}
                {t.away ? ' (away)' : ''}
              </option>
            ))}
            {mention.assigneeId !== null && assignee === undefined && <option value={mention.assigneeId}>A former teammate</option>}
          </select>
        </label>
        {mention.assigneeId !== meId && (
          <button type="button" className="button small" disabled={busy} onClick={() => onAssign(meId)} data-testid="assign-me">
            Assign to me
          </button>
        )}
      </div>
      <div className={styles.triageRow}>
        {mention.status === 'open' || mention.status === 'pending' ? (
          <>
            <button type="button" className="button small" disabled={busy} onClick={() => onStatus('closed')} data-testid="close-status">
              Close
            </button>
            <button type="button" className="button small primary" disabled={busy} onClick={onCloseAndNext} data-testid="close-next">
              Close and next
            </button>
            <button type="button" className="button small" disabled={busy} onClick={() => onStatus('ignored')} data-testid="ignore-status">
              Ignore
            </button>
            <label>
              <span className="visually-hidden">Wait for the customer until</span>
              <select
                className="select-small"
                value=""
                disabled={busy}
                data-testid="pending-select"
                onChange={(e) => {
                  const choice = followUpChoices()[Number(e.target.value)];
                  if (choice) onStatus('pending', choice.at);
                }}
              >
                <option value="">Pending until…</option>
                {followUpChoices().map((c, i) => (
                  <option key={c.label} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            {mention.status === 'pending' && (
              <button type="button" className="button small" disabled={busy} onClick={() => onStatus('open')} data-testid="reopen-status">
                Reopen now
              </button>
            )}
          </>
        ) : (
          <button type="button" className="button small" disabled={busy} onClick={() => onStatus('open')} data-testid="reopen-status">
            Reopen
          </button>
        )}
      </div>
      {error !== null && (
        <p className="alert" role="alert" data-testid="triage-error">
          {error}
        </p>
      )}
    </div>
  );
}
