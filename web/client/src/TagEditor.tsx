import { useId, useState, type FormEvent } from 'react';
import type { BulkTagResult, MentionDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import styles from './TagEditor.module.css';

interface Props {
  mention: MentionDto;
  /** After a tag was put on or taken off (the panel re-reads the mention). */
  onChanged(): void;
  canEdit: boolean;
}

/** The mention's tags; agents add one by typing its name (new names create the tag) or take one off. */
export function TagEditor({ mention, onChanged, canEdit }: Props) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || busy) return;
    setBusy(true);
    try {
      await api<BulkTagResult>('POST', '/api/mentions/tags', { body: { ids: [mention.id], name: name.trim() } });
      setName('');
      setError(null);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (tagId: string) => {
    try {
      await api('DELETE', `/api/mentions/${encodeURIComponent(mention.id)}/tags/${encodeURIComponent(tagId)}`);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="tags-section" aria-label="Tags" data-testid="mention-tags">
      <ul className="tag-list">
        {mention.tags.map((t) => (
          <li key={t.id} className="tag">
            {t.name}
            {canEdit && (
              <button type="button" className={styles.untag} aria-label={`Remove tag ${t.name}`} onClick={() => void remove(t.id)}>
                ×
              </button>
            )}
          </li>
        ))}
        {mention.tags.length === 0 && <li className="muted small">No tags</li>}
      </ul>
      {canEdit && (
        <form className={styles.addTag} onSubmit={(e) => void add(e)}>
          <label htmlFor={inputId} className="visually-hidden">
            Add a tag
          </label>
          <input id={inputId} value={name} onChange={(e) => setName(e.target.value)} placeholder="Add a tag" maxLength={40} list={`${inputId}-known`} data-testid="tag-input" />
          <button type="submit" className="button small" disabled={busy || name.trim() === ''} data-testid="tag-add">
            Tag
          </button>
        </form>
      )}
      {error !== null && (
        <p className="alert small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
