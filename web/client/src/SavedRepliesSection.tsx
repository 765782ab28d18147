import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { BrandDto, SavedRepliesAnswer, SavedReplyBody, SavedReplyDto } from '../../src/api/contract.ts';
import { SAVED_REPLY_VARIABLES, unknownVariables, unknownVariablesMessage } from '../../src/api/saved-reply-variables.ts';
import { api, errorMessage } from './api.ts';
import { useResource } from './use-resource.ts';
import './saved-replies.css';

/**
 * Saved replies for managers: texts agents insert from the reply box with "/", for every brand
 * or one. The server refuses unknown variables; the form says so before saving too.
 */
export function SavedRepliesSection({ brands }: { brands: BrandDto[] }) {
  const saved = useResource<SavedRepliesAnswer>('/api/saved-replies');
  const [editing, setEditing] = useState<SavedReplyDto | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = saved.data?.savedReplies ?? [];
  const brandName = (id: string | null) => (id === null ? 'Every brand' : (brands.find((b) => b.id === id)?.name ?? 'A brand you cannot see'));

  const deletion = useMutation({
    mutationFn: (r: SavedReplyDto) => api('DELETE', `/api/saved-replies/${encodeURIComponent(r.id)}`),
    onMutate: () => setError(null),
    onSuccess: (_none, r) => saved.set({ savedReplies: list.filter((x) => x.id !== r.id), values: null }),
    onError: (e, r) => setError(`“${r.title}” was not deleted: ${errorMessage(e)}`),
  });
  const remove = (r: SavedReplyDto) => deletion.mutate(r);

  return (
    <section className="settings-section" aria-labelledby="saved-replies-heading" data-testid="saved-replies">
      <h2 id="saved-replies-heading">Saved replies</h2>
      <p className="muted small">
        Agents type <kbd>/</kbd> at the start of the reply box to insert one. {variablesHint()}
      </p>
      {(saved.error ?? error) !== null && (
        <p className="alert" role="alert">
          {saved.error ?? error}
        </p>
      )}
      {saved.data !== null && list.length === 0 && <p className="placeholder">No saved replies yet.</p>}
      <ul className="saved-replies">
        {list.map((r) =>
          editing !== 'new' && editing?.id === r.id ? (
            <li key={r.id}>
              <SavedReplyForm
                brands={brands}
                initial={r}
                onCancel={() => setEditing(null)}
                onSaved={(next) => {
                  saved.set({ savedReplies: list.map((x) => (x.id === next.id ? next : x)), values: null });
                  setEditing(null);
                }}
              />
            </li>
          ) : (
            <li key={r.id} className="card saved-reply" data-testid="saved-reply">
              <div className="saved-reply-head">
                <span className="strong" dir="auto">
                  {r.title}
                </span>
                <span className="muted small">{brandName(r.brandId)}</span>
              </div>
              <p className="saved-reply-body" dir="auto">
                {r.body}
              </p>
              <div className="saved-reply-actions">
                <button type="button" className="button small" onClick={() => setEditing(r)} aria-label={`Edit “${r.title}”`}>
                  Edit
                </button>
                <button type="button" className="button small" onClick={() => remove(r)} aria-label={`Delete “${r.title}”`} data-testid="delete-saved-reply">
                  Delete
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <SavedReplyForm
          brands={brands}
          initial={null}
          onCancel={() => setEditing(null)}
          onSaved={(next) => {
            saved.set({ savedReplies: [...list, next].sort((a, b) => a.title.localeCompare(b.title)), values: null });
            setEditing(null);
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')} data-testid="new-saved-reply">
          New saved reply
        </button>
      )}
    </section>
  );
}

function variablesHint(): string {
  const names = SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`);
  return `${names.join(', ')} become the author's name, the brand's name and the name of the agent replying.`;
}

interface FormProps {
  brands: BrandDto[];
  initial: SavedReplyDto | null;
  onSaved(reply: SavedReplyDto): void;
  onCancel(): void;
}

function SavedReplyForm({ brands, initial, onSaved, onCancel }: FormProps) {
  const id = useId();
  const [brandId, setBrandId] = useState(initial?.brandId ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const save = useMutation({
    mutationFn: (payload: SavedReplyBody) =>
      initial
        ? api<{ savedReply: SavedReplyDto }>('PUT', `/api/saved-replies/${encodeURIComponent(initial.id)}`, { body: payload })
        : api<{ savedReply: SavedReplyDto }>('POST', '/api/saved-replies', { body: payload }),
    onSuccess: ({ savedReply }) => onSaved(savedReply),
  });
  const saving = save.isPending;
  const error = save.error === null ? null : errorMessage(save.error);
  const unknown = unknownVariables(body);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    save.mutate({ brandId: brandId === '' ? null : brandId, title, body });
  };

  return (
    <form className="card form saved-reply-form" onSubmit={submit} data-testid="saved-reply-form" aria-label={initial ? `Edit “${initial.title}”` : 'New saved reply'}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input id={`${id}-title`} value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} data-testid="saved-reply-title" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-brand`}>For</label>
          <select id={`${id}-brand`} value={brandId} onChange={(e) => setBrandId(e.target.value)} data-testid="saved-reply-brand">
            <option value="">Every brand</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-body`}>Reply</label>
        <textarea
          id={`${id}-body`}
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={unknown.length > 0 ? true : undefined}
          data-testid="saved-reply-body"
        />
        <span id={`${id}-hint`} className={unknown.length > 0 ? 'over-limit small' : 'muted small'} data-testid="saved-reply-hint">
          {unknown.length > 0 ? unknownVariablesMessage(unknown) : variablesHint()}
        </span>
      </div>
      {error !== null && (
        <p className="alert" role="alert" data-testid="saved-reply-error">
          {error}
        </p>
      )}
      <div className="saved-reply-actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="save-saved-reply">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
