import { useId, useState } from 'react';
import type { CorrectionBody, MentionDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { cx } from './class-names.ts';
import styles from './CorrectionControl.module.css';

type Field = CorrectionBody['field'];
type ValueOf<F extends Field> = Extract<CorrectionBody, { field: F }>['value'];

// The values an agent may choose, per field (the API's CorrectionBody allows exactly these).
const OPTIONS: { [F in Field]: { value: ValueOf<F>; label: string }[] } = {
  sentiment: [
    { value: 'negative', label: 'Negative' },
    { value: 'neutral', label: 'Neutral' },
    { value: 'positive', label: 'Positive' },
  ],
  intent: [
    { value: 'complaint', label: 'Complaint' },
    { value: 'question', label: 'Question' },
    { value: 'praise', label: 'Praise' },
    { value: 'other', label: 'Other' },
    { value: 'spam', label: 'Spam' },
  ],
  priority: [
    { value: 1, label: 'P1 (most urgent)' },
    { value: 2, label: 'P2' },
    { value: 3, label: 'P3' },
    { value: 4, label: 'P4 (least urgent)' },
  ],
};

const FIELD_LABELS: Record<Field, string> = { sentiment: 'sentiment', intent: 'intent', priority: 'priority' };

function currentValue(mention: MentionDto, field: Field): string {
  return field === 'priority' ? String(mention.priority) : field === 'sentiment' ? mention.sentiment : mention.intent;
}

function toBody(field: Field, raw: string): CorrectionBody | null {
  const option = (OPTIONS[field] as { value: string | number }[]).find((o) => String(o.value) === raw);
  return option === undefined ? null : ({ field, value: option.value } as CorrectionBody);
}

interface Props {
  mention: MentionDto;
  field: Field;
  onCorrected(mention: MentionDto): void;
}

/** "Correct": lets an agent overrule the model on one field; the server answers with the updated mention. */
export function CorrectionControl({ mention, field, onCorrected }: Props) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(() => currentValue(mention, field));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const current = currentValue(mention, field);

  if (!open) {
    return (
      <button
        type="button"
        className={cx('button link small', styles.correct)}
        onClick={() => {
          setValue(current);
          setError(null);
          setOpen(true);
        }}
        aria-label={`Correct ${FIELD_LABELS[field]}`}
        data-testid={`correct-${field}`}
      >
        Correct
      </button>
    );
  }

  const save = async () => {
    const body = toBody(field, value);
    if (body === null) return;
    setSaving(true);
    setError(null);
    try {
      const result = await api<{ mention: MentionDto }>(
        'POST',
        `/api/mentions/${encodeURIComponent(mention.id)}/corrections`,
        { body },
      );
      onCorrected(result.mention);
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <span className={styles.correction} data-testid={`correction-${field}`}>
      <label htmlFor={selectId} className="visually-hidden">
        Correct {FIELD_LABELS[field]} to
      </label>
      {/* Opened by the agent's own click, so moving focus to the choice is expected. */}
      <select id={selectId} value={value} onChange={(e) => setValue(e.target.value)} disabled={saving} autoFocus>
        {(OPTIONS[field] as { value: string | number; label: string }[]).map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="button" className="button small primary" onClick={() => void save()} disabled={saving || value === current}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button small" onClick={() => setOpen(false)} disabled={saving}>
        Cancel
      </button>
      {error !== null && (
        <span className="field-error" role="alert" data-testid="correction-error">
          {error}
        </span>
      )}
    </span>
  );
}
