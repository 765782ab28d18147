import { useEffect, useState } from 'react';
import type { StreamDeletionDto, StreamDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { formatNumber } from './format.ts';

interface Props {
  stream: StreamDto;
  onDeleted(): void;
  onCancel(): void;
}

/** Says what happens to the stream's mentions (they stay with the brand) before deleting it. */
export function DeleteStreamPanel({ stream, onDeleted, onCancel }: Props) {
  const [impact, setImpact] = useState<StreamDeletionDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const path = `/api/streams/${encodeURIComponent(stream.id)}`;

  useEffect(() => {
    let stale = false;
    api<StreamDeletionDto>('GET', `${path}/deletion`).then(
      (r) => !stale && setImpact(r),
      (e: unknown) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [path]);

  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      await api('DELETE', path);
      onDeleted();
    } catch (e) {
      setError(errorMessage(e));
      setDeleting(false);
    }
  };

  return (
    <div className="confirm-panel" role="group" aria-label={`Delete ${stream.name}`} data-testid="stream-delete-panel">
      {impact === null && error === null && <p role="status">Counting this stream&apos;s mentions…</p>}
      {impact !== null && (
        <p data-testid="stream-delete-impact" data-mentions={impact.mentions}>
          Earshot stops listening to <span className="strong">{stream.name}</span>.{' '}
          {impact.mentions === 0
            ? 'It has collected no mentions.'
            : `Its ${formatNumber(impact.mentions)} mention${impact.mentions === 1 ? '' : 's'} stay in the brand's inbox, with their replies and notes; they only no longer name this stream.`}
        </p>
      )}
      {error !== null && (
        <p className="alert" role="alert" data-testid="stream-delete-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Keep it
        </button>
        <button type="button" className="button danger" onClick={() => void remove()} disabled={deleting || impact === null} data-testid="stream-delete-confirm">
          {deleting ? 'Deleting…' : 'Delete stream'}
        </button>
      </div>
    </div>
  );
}
