import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { PlatformDto, StreamDto, StreamPatchBody } from '../../src/api/contract.ts';
import { placeServerErrors, wordedResolver } from './form-errors.ts';
import { StreamQueryEditor, useQueryMode } from './StreamQueryEditor.tsx';
import {
  parseJson,
  prettyJson,
  queryFieldsOf,
  queryToForm,
  STREAM_FORM_LABELS,
  StreamFormSchema,
  streamFormFieldOf,
  type StreamFormValues,
} from './stream-form.ts';

interface Props {
  stream: StreamDto;
  /** The stream's platform, for its query form; without it the query is edited as JSON. */
  platform: PlatformDto | undefined;
  onSave(body: StreamPatchBody): Promise<void>;
  onCancel(): void;
}

/** Name, pace, budget and query of one stream, in the platform's form; sends only what changed. */
export function StreamEditForm({ stream, platform, onSave, onCancel }: Props) {
  const fields = useMemo(() => queryFieldsOf(platform?.querySchema), [platform]);
  const original: StreamFormValues = {
    brandId: stream.brandId,
    newBrand: '',
    platform: stream.platform,
    name: stream.name,
    pollSeconds: String(Math.round(stream.pollIntervalMs / 1000)),
    budget: stream.health.readBudgetMonthly === null ? '' : String(stream.health.readBudgetMonthly),
    query: queryToForm(fields, stream.query, platform?.querySchema),
  };
  const form = useForm<StreamFormValues>({ resolver: wordedResolver(StreamFormSchema, STREAM_FORM_LABELS), defaultValues: original });
  const { register, formState, setError } = form;
  const errors = formState.errors;
  const mode = useQueryMode(form, fields, stream.query);
  const [failure, setFailure] = useState<string | null>(null);
  const ids = { name: useId(), poll: useId(), budget: useId() };

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const checked = StreamFormSchema.parse(values);
    const body: StreamPatchBody = {};
    if (values.name !== original.name) body.name = values.name;
    if (values.pollSeconds !== original.pollSeconds) {
      if (checked.pollSeconds === undefined) return setError('pollSeconds', { message: 'Poll interval: give a number of seconds.' });
      body.pollIntervalMs = checked.pollSeconds;
    }
    if (values.budget !== original.budget) body.readBudgetMonthly = checked.budget ?? null;
    const query = mode.query();
    if (!query.ok) return mode.setJsonError(query.message);
    // Untouched fields send no query: a changed query starts the stream from a fresh cursor.
    const changed = mode.advanced ? prettyJson(query.value) !== prettyJson(stream.query) : JSON.stringify(values.query) !== JSON.stringify(original.query);
    if (changed) body.query = query.value;
    if (Object.keys(body).length === 0) return onCancel();
    try {
      await onSave(body);
    } catch (e) {
      const left = placeServerErrors(e, (path, message) => {
        const field = mode.advanced && path.startsWith('query') ? null : streamFormFieldOf(path, fields);
        if (field === null) return false;
        setError(field as never, { message });
        return true;
      });
      if (left !== null) setFailure(left);
    }
  });

  const fieldError = (message: string | undefined, id: string) =>
    message !== undefined && (
      <span id={`${id}-error`} className="field-error" role="alert">
        {message}
      </span>
    );
  const invalid = (message: string | undefined, id: string) =>
    message !== undefined ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

  return (
    <form className="form stream-edit" onSubmit={(e) => void submit(e)} data-testid="stream-edit-form" noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} maxLength={100} {...register('name')} {...invalid(errors.name?.message, ids.name)} data-testid="stream-edit-name" />
          {fieldError(errors.name?.message, ids.name)}
        </div>
        <div className="field narrow">
          <label htmlFor={ids.poll}>Poll every (seconds)</label>
          <input id={ids.poll} inputMode="numeric" {...register('pollSeconds')} {...invalid(errors.pollSeconds?.message, ids.poll)} data-testid="stream-edit-poll" />
          {fieldError(errors.pollSeconds?.message, ids.poll)}
        </div>
        <div className="field narrow">
          <label htmlFor={ids.budget}>Monthly read budget</label>
          <input id={ids.budget} inputMode="numeric" placeholder="no limit" {...register('budget')} {...invalid(errors.budget?.message, ids.budget)} />
          {fieldError(errors.budget?.message, ids.budget)}
        </div>
      </div>
      <StreamQueryEditor form={form} fields={fields} mode={mode} platformLabel={platform?.label ?? stream.platform} idPrefix="stream" />
      {failure !== null && (
        <p className="alert" role="alert" data-testid="stream-edit-error">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={formState.isSubmitting || (mode.advanced && !parseJson(mode.json).ok)}>
          {formState.isSubmitting ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
