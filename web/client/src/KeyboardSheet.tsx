import { useEffect, useRef } from 'react';
import { keyLabel, type KeyBinding } from './keymap.ts';
import styles from './KeyboardSheet.module.css';

interface Props {
  bindings: readonly KeyBinding[];
  onClose(): void;
}

/** The `?` sheet: every shortcut of the key table, as a modal dialog. */
export function KeyboardSheet({ bindings, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className={styles.keySheet} aria-labelledby="key-sheet-title" data-testid="key-sheet" onClose={onClose} onCancel={onClose}>
      <h2 id="key-sheet-title">Keyboard shortcuts</h2>
      <dl>
        {bindings.map((b) => (
          <div key={b.action} className={styles.keyRow}>
            <dt>
              {b.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' or '}
                  <kbd>{keyLabel(k)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{b.label}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">Shift-click a row's box to select a range. Keys typed into a text box stay there; Esc leaves it.</p>
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
