import { useId, useState, type FormEvent } from 'react';
import type { StreamDto, StreamPatchBody } from '../../src/api/contract.ts';
import { errorMessage } from './api.ts';
import { JsonEditor } from './JsonEditor.tsx';
import { parseBudget, parseJson, parsePollSeconds, prettyJson } from './stream-form.ts';

interface Props {
  stream: StreamDto;
  onSave(body: StreamPatchBody): Promise<void>;
  onCancel(): void;
}

/** Name, pace, budget and query of one stream; sends only what changed. */
export function StreamEditForm({ stream, onSave, onCancel }: Props) {
  const original = {
    name: stream.name,
    poll: String(Math.round(stream.pollIntervalMs / 1000)),
    budget: stream.health.readBudgetMonthly === null ? '' : String(stream.health.readBudgetMonthly),
    query: prettyJson(stream.query),
  };
  const [form, setForm] = useState(original);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const pollId = useId();
  const budgetId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: StreamPatchBody = {};
    if (form.name !== original.name) body.name = form.name;
    if (form.poll !== original.poll) {
      const poll = parsePollSeconds(form.poll);
      if (!poll.ok || poll.value === undefined) return setError(poll.ok ? 'Give a poll interval in seconds.' : poll.message);
      body.pollIntervalMs = poll.value;
    }
    if (form.budget !== original.budget) {
      const budget = parseBudget(form.budget);
      if (!budget.ok) return setError(budget.message);
      body.readBudgetMonthly = budget.value;
    }
    if (form.query !== original.query) {
      const query = parseJson(form.query);
      if (!query.ok) return setError(query.message);
      body.query = query.value;
    }
    if (Object.keys(body).length === 0) return onCancel();
    setSaving(true);
    setError(null);
    try {
      await onSave(body);
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <form className="form stream-edit" onSubmit={(e) => void submit(e)} data-testid="stream-edit-form">
      <div className="field-row">
        <div className="field">
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={100} required />
        </div>
        <div className="field narrow">
          <label htmlFor={pollId}>Poll every (seconds)</label>
          <input
            id={pollId}
            inputMode="numeric"
            value={form.poll}
            onChange={(e) => setForm({ ...form, poll: e.target.value })}
            required
          />
        </div>
        <div className="field narrow">
          <label htmlFor={budgetId}>Monthly read budget</label>
          <input
            id={budgetId}
            inputMode="numeric"
            placeholder="no limit"
            value={form.budget}
            onChange={(e) => setForm({ ...form, budget: e.target.value })}
          />
        </div>
      </div>
      <JsonEditor label="Query" value={form.query} onChange={(query) => setForm({ ...form, query })} testId="stream-query" />
      {error !== null && (
        <p className="alert" role="alert" data-testid="stream-edit-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving || !parseJson(form.query).ok}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
