import type { StreamDeletionDto, StreamDto } from '../../src/api/contract.ts';
import { errorMessage } from './api.ts';
import { formatNumber } from './format.ts';
import { useApiMutation } from './hooks/use-api-mutation.ts';
import { useResource } from './use-resource.ts';
import { STREAMS_PATH, streamPut } from './use-streams.ts';

interface Props {
  stream: StreamDto;
  onDeleted(): void;
  onCancel(): void;
}

/** Says what happens to the stream's mentions (they stay with the brand) before deleting it. */
export function DeleteStreamPanel({ stream, onDeleted, onCancel }: Props) {
  const path = `${STREAMS_PATH}/${encodeURIComponent(stream.id)}`;
  const impactRead = useResource<StreamDeletionDto>(`${path}/deletion`);
  const impact = impactRead.data;
  const deletion = useApiMutation({
    request: () => ({ method: 'DELETE', path }),
    put: () => [streamPut(stream.id, null)],
    onSuccess: () => onDeleted(),
  });
  const error = deletion.error !== null ? errorMessage(deletion.error) : impactRead.error;
  const deleting = deletion.isPending;

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
        <button type="button" className="button danger" onClick={() => deletion.mutate()} disabled={deleting || impact === null} data-testid="stream-delete-confirm">
          {deleting ? 'Deleting…' : 'Delete stream'}
        </button>
      </div>
    </div>
  );
}
