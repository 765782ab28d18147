import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { NoteDto, StatusChangeDto, TeammateDto } from '../../src/api/contract.ts';
import { noteHandle } from '../../src/api/note-mentions.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { SuggestionText, Suggestions, useSuggestionKeys } from './Suggestions.tsx';
import styles from './NotesSection.module.css';

interface Props {
  mentionId: string;
  notes: NoteDto[];
  changes: StatusChangeDto[];
  teammates: TeammateDto[];
  canWrite: boolean;
  onAdded(): void;
}

const WORDS: Record<string, string> = { open: 'reopened', pending: 'set pending', answered: 'answered', closed: 'closed', ignored: 'ignored' };

/** The "@nam" being typed just before the caret, or null. Same characters the server's parser takes. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]!.toLowerCase() };
}

/**
 * Internal notes (never published) and the status history, oldest first. Typing "@" offers the
 * teammates; picking one inserts the handle the server parses for notices (noteHandle).
 */
export function NotesSection({ mentionId, notes, changes, teammates, canWrite, onAdded }: Props) {
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const listId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const at = mentionAt(text, caret);
  const atOpen = at !== null && dismissedAt !== at.start;
  const query = at?.query ?? null;
  const matches = useMemo(() => {
    if (query === null) return [];
    return teammates.filter((t) => noteHandle(t.name).startsWith(query) || t.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(query))).slice(0, 8);
  }, [teammates, query]);
  const insertHandle = (t: TeammateDto) => {
    if (at === null) return;
    const handle = `@${noteHandle(t.name)} `;
    const next = text.slice(0, at.start) + handle + text.slice(caret);
    const nextCaret = at.start + handle.length;
    setText(next);
    setCaret(nextCaret);
    requestAnimationFrame(() => box.current?.setSelectionRange(nextCaret, nextCaret));
  };
  const atKeys = useSuggestionKeys(matches, atOpen, at?.query ?? '', insertHandle, () => setDismissedAt(at?.start ?? null));
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    atKeys.onKeyDown(event);
  };
  const items = [
    ...notes.map((n) => ({ at: n.createdAt, key: `n${n.id}`, note: n })),
    ...changes.map((c, i) => ({ at: c.at, key: `c${i}`, change: c })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      await api('POST', `/api/mentions/${encodeURIComponent(mentionId)}/notes`, { body: { text } });
      setText('');
      onAdded();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={styles.notes} aria-labelledby="notes-heading" data-testid="notes">
      <h3 id="notes-heading">Team notes and activity</h3>
      {items.length === 0 ? (
        <p className="muted small">No notes yet. Notes are for the team and are never published.</p>
      ) : (
        <ol className={styles.activity}>
          {items.map((item) =>
            'note' in item && item.note ? (
              <li key={item.key} className={styles.note} data-testid="note">
                <span className="strong">{item.note.userName ?? 'A former teammate'}</span>{' '}
                <time className="muted small" dateTime={item.note.createdAt}>
                  {formatDateTime(item.note.createdAt)}
                </time>
                <p dir="auto" className={styles.noteText}>
                  {item.note.text}
                </p>
              </li>
            ) : 'change' in item && item.change ? (
              <li key={item.key} className="change muted small" data-testid="status-change">
                {item.change.userName ?? 'Earshot'} {WORDS[item.change.to] ?? item.change.to}
                {item.change.followUpAt ? ` until ${formatDateTime(item.change.followUpAt)}` : ''} ·{' '}
                <time dateTime={item.change.at}>{formatDateTime(item.change.at)}</time>
              </li>
            ) : null,
          )}
        </ol>
      )}
      {canWrite && (
        <form className={styles.noteForm} onSubmit={(e) => void submit(e)}>
          <label htmlFor={textId} className="muted small">
            Add an internal note (mention a teammate with @, e.g. {teammates[0] ? `@${noteHandle(teammates[0].name)}` : '@name'})
          </label>
          <textarea
            id={textId}
            ref={box}
            rows={2}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            aria-autocomplete="list"
            aria-controls={atOpen && matches.length > 0 ? listId : undefined}
            aria-activedescendant={atOpen && matches.length > 0 ? `${listId}-${atKeys.active}` : undefined}
            data-testid="note-text"
          />
          {atOpen && (
            <Suggestions
              id={listId}
              label="Teammates"
              items={matches}
              active={atKeys.active}
              optionId={(i) => `${listId}-${i}`}
              onPick={insertHandle}
              testId="teammate-picker"
              empty="No teammate by that name."
              render={(t) => (
                <SuggestionText title={<bdi>{t.name}</bdi>} text={`@${noteHandle(t.name)}`} />
              )}
            />
          )}
          {error !== null && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button small" disabled={saving || text.trim() === ''} data-testid="add-note">
            {saving ? 'Saving…' : 'Add note'}
          </button>
        </form>
      )}
    </section>
  );
}
