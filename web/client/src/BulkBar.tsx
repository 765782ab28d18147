import type { TeammateDto } from '../../src/api/contract.ts';
import styles from './BulkBar.module.css';

interface Props {
  count: number;
  busy: boolean;
  teammates: TeammateDto[];
  canWork: boolean;
  onAssign(assigneeId: string | null): void;
  onStatus(status: 'closed' | 'ignored' | 'open'): void;
  onClear(): void;
}

/** What can be done to the ticked mentions at once. */
export function BulkBar({ count, busy, teammates, canWork, onAssign, onStatus, onClear }: Props) {
  return (
    <div className={styles.bulkBar} role="region" aria-label="Selected mentions" data-testid="bulk-bar">
      <span className="strong" data-testid="bulk-count">
        {count} selected
      </span>
      {canWork && (
        <>
          <label>
            <span className="visually-hidden">Assign the selected mentions to</span>
            <select
              className="select-small"
              value=""
              disabled={busy}
              data-testid="bulk-assign"
              onChange={(e) => {
                if (e.target.value !== '') onAssign(e.target.value === 'nobody' ? null : e.target.value);
              }}
            >
              <option value="">Assign to…</option>
              {teammates
                .filter((t) => t.role !== 'viewer')
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                    {t.away ? ' (away)' : ''}
                  </option>
                ))}
              <option value="nobody">Nobody</option>
            </select>
          </label>
          <button type="button" className="button small" disabled={busy} onClick={() => onStatus('closed')} data-testid="bulk-close">
            Close
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => onStatus('ignored')} data-testid="bulk-ignore">
            Ignore
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => onStatus('open')} data-testid="bulk-reopen">
            Reopen
          </button>
        </>
      )}
      <button type="button" className="button link small" onClick={onClear} data-testid="bulk-clear">
        Clear selection
      </button>
    </div>
  );
}
