import { useId, type ReactNode } from 'react';
import { parseJson } from './stream-form.ts';
import styles from './JsonEditor.module.css';

interface Props {
  label: string;
  value: string;
  onChange(text: string): void;
  hint?: string;
  /** Shown beside the label, e.g. a "Reset to the example" button. */
  action?: ReactNode;
  testId?: string;
}

/** A textarea for JSON that says at once when the text does not parse. */
export function JsonEditor({ label, value, onChange, hint, action, testId }: Props) {
  const id = useId();
  const errorId = useId();
  const hintId = useId();
  const parsed = parseJson(value);
  const describedBy = [hint !== undefined ? hintId : null, parsed.ok ? null : errorId].filter((x) => x !== null).join(' ');
  return (
    <div className="field wide">
      <div className={styles.fieldLabel}>
        <label htmlFor={id}>{label}</label>
        {action}
      </div>
      <textarea
        id={id}
        className="code"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        rows={Math.min(18, Math.max(6, value.split('\n').length + 1))}
        aria-invalid={parsed.ok ? undefined : true}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        data-testid={testId}
      />
      {hint !== undefined && (
        <span id={hintId} className="muted small">
          {hint}
        </span>
      )}
      {!parsed.ok && (
        <span id={errorId} className="field-error" data-testid="json-error">
          {parsed.message}
        </span>
      )}
    </div>
  );
}
