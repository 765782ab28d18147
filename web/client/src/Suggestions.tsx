import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './class-names.ts';
import styles from './Suggestions.module.css';

export interface SuggestionKeys {
  /** The highlighted option's index. */
  active: number;
  setActive(index: number): void;
  /** Handles ↑ ↓ Enter Tab Esc while the list is open; true when the key was its. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
}

/**
 * Keyboard handling of a list offered under a text box (saved replies after "/", teammates
 * after "@"): arrows move, Enter or Tab picks, Esc closes; typing keeps going to the text box.
 * `resetKey` (the query) puts the highlight back on the first option.
 */
export function useSuggestionKeys<T>(items: readonly T[], open: boolean, resetKey: string, onPick: (item: T) => void, onDismiss: () => void): SuggestionKeys {
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [resetKey, open]);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDismiss();
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + items.length) % items.length);
      return true;
    }
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.shiftKey) || event.key === 'Tab') {
      event.preventDefault();
      onPick(items[Math.min(active, items.length - 1)]!);
      return true;
    }
    return false;
  };
  return { active: Math.min(active, Math.max(items.length - 1, 0)), setActive, onKeyDown };
}

interface Props<T> {
  id: string;
  label: string;
  items: readonly T[];
  active: number;
  optionId(index: number): string;
  render(item: T): ReactNode;
  onPick(item: T): void;
  /** Shown instead of the list when there is nothing to offer. */
  empty: ReactNode;
  testId: string;
}

/** The list itself: a listbox the text box points at with aria-activedescendant. */
export function Suggestions<T>({ id, label, items, active, optionId, render, onPick, empty, testId }: Props<T>) {
  const root = useRef<HTMLDivElement>(null);
  // Opened under a box near the bottom of the panel, it would be out of sight. (Block bodies:
  // Chromium's scrollIntoView returns a promise, which React would take for a clean-up function.)
  useEffect(() => {
    void root.current?.scrollIntoView({ block: 'nearest' });
  }, [items.length]);
  useEffect(() => {
    void document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, optionId]);
  return (
    <div className={styles.suggestions} data-testid={testId} ref={root}>
      {items.length === 0 ? (
        <p className={cx(styles.suggestionsEmpty, 'muted small')} role="status">
          {empty}
        </p>
      ) : (
        <ul id={id} role="listbox" aria-label={label} className={styles.suggestionsList}>
          {items.map((item, i) => (
            <li
              key={optionId(i)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? styles.active : undefined}
              data-testid={`${testId}-option`}
              // mousedown, not click: the text box keeps its focus (and the caret) while picking.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(item);
              }}
            >
              {render(item)}
            </li>
          ))}
        </ul>
      )}
      <p className={cx(styles.suggestionsHint, 'muted small')} aria-hidden="true">
        ↑ ↓ to choose · Enter to insert · Esc to close
      </p>
    </div>
  );
}

/** An option's two lines: what it is, and a look at what it inserts (cut to one line). */
export function SuggestionText({ title, text, dir }: { title: ReactNode; text: ReactNode; dir?: 'auto' }) {
  return (
    <>
      <span className={styles.suggestionTitle} dir={dir}>
        {title}
      </span>
      <span className={styles.suggestionText} dir={dir}>
        {text}
      </span>
    </>
  );
}
