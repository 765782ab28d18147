import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SavedViewDto, StreamDto, TagDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { inboxSearch, type InboxView } from './inbox-url.ts';
import { apiKey } from './query-client.ts';
import { SAVED_VIEWS_PATH } from './SavedViewsNav.tsx';
import styles from './InboxFinder.module.css';

interface Props {
  view: InboxView;
  onView(view: InboxView): void;
  tags: TagDto[];
  streams: StreamDto[];
  /** Shown at the end of the row (the folded "More filters"), so it costs no line of its own. */
  children?: ReactNode;
}

/** True when a key press is meant for a field, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Search, tag, stream and overdue filters, and "Save view". The search applies on Enter (not per
 * key press) so the URL and the list change once per search; "/" anywhere outside a field focuses it.
 */
export function InboxFinder({ view, onView, tags, streams, children }: Props) {
  const [text, setText] = useState(view.filters.search ?? '');
  const [saving, setSaving] = useState(false);
  const [viewName, setViewName] = useState('');
  const [saveState, setSaveState] = useState<{ error: string | null; saved: string | null }>({ error: null, saved: null });
  const searchRef = useRef<HTMLInputElement>(null);
  const [compact, setCompact] = useState(() => localStorage.getItem('earshot.compactInbox') === '1');
  useEffect(() => {
    document.documentElement.classList.toggle('compact-inbox', compact);
    localStorage.setItem('earshot.compactInbox', compact ? '1' : '0');
  }, [compact]);

  // A chip removed or a link followed changes the search from outside.
  useEffect(() => setText(view.filters.search ?? ''), [view.filters.search]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const set = (key: 'search' | 'tagId' | 'streamId' | 'overdue', value: string | undefined) =>
    onView({ status: view.status, filters: { ...view.filters, [key]: value === '' ? undefined : value } });

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    set('search', text.trim() === '' ? undefined : text.trim());
  };

  const client = useQueryClient();
  const saveViewAs = useMutation({
    mutationFn: (body: { name: string; search: string }) => api<{ view: SavedViewDto }>('POST', SAVED_VIEWS_PATH, { body }),
    onSuccess: ({ view: saved }) => {
      setSaveState({ error: null, saved: saved.name });
      setSaving(false);
      setViewName('');
      // The navigation lists saved views (SavedViewsNav).
      void client.invalidateQueries({ queryKey: apiKey(SAVED_VIEWS_PATH), exact: true });
    },
    onError: (e) => setSaveState({ error: errorMessage(e), saved: null }),
  });
  const saveView = (event: FormEvent) => {
    event.preventDefault();
    saveViewAs.mutate({ name: viewName, search: inboxSearch(view) });
  };

  return (
    <div className={styles.finder} data-testid="inbox-finder">
      <form role="search" className={styles.finderSearch} onSubmit={submitSearch}>
        <label htmlFor="inbox-search" className="visually-hidden">
          Search mentions and authors
        </label>
        <input
          id="inbox-search"
          ref={searchRef}
          type="search"
          placeholder="Search text, @handle or name  ( / )"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          maxLength={200}
          data-testid="inbox-search"
        />
        <button type="submit" className="button small">
          Search
        </button>
      </form>
      <label className="finder-select">
        <span className="visually-hidden">Tag</span>
        <select value={view.filters.tagId ?? ''} onChange={(e) => set('tagId', e.target.value)} data-testid="tag-filter">
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {streams.length > 0 && (
        <label className="finder-select">
          <span className="visually-hidden">Stream</span>
          <select value={view.filters.streamId ?? ''} onChange={(e) => set('streamId', e.target.value)} data-testid="stream-filter">
            <option value="">All streams</option>
            {streams.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className={styles.finderCheck}>
        <input type="checkbox" checked={view.filters.overdue === '1'} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)} data-testid="overdue-filter" />
        Overdue
      </label>
      <label className={styles.finderCheck}>
        <input type="checkbox" checked={compact} onChange={(e) => setCompact(e.target.checked)} data-testid="compact-toggle" />
        Compact
      </label>
      {saving ? (
        <form className={styles.finderSave} onSubmit={saveView}>
          <label htmlFor="saved-view-name" className="visually-hidden">
            Name of this view
          </label>
          <input id="saved-view-name" value={viewName} onChange={(e) => setViewName(e.target.value)} placeholder="Name this view" maxLength={60} required data-testid="saved-view-name" />
          <button type="submit" className="button small primary" data-testid="save-view-confirm">
            Save
          </button>
          <button type="button" className="button small" onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button small" onClick={() => setSaving(true)} data-testid="save-view">
          Save view
        </button>
      )}
      {children}
      {saveState.error !== null && (
        <p className="alert small" role="alert">
          {saveState.error}
        </p>
      )}
      {saveState.saved !== null && (
        <p className="muted small" role="status">
          Saved “{saveState.saved}”: it is in the navigation.
        </p>
      )}
    </div>
  );
}
