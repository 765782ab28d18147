import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { PlatformDto, StreamDto, StreamPatchBody } from '../../src/api/contract.ts';
import { FormFailure } from './FormField.tsx';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { StreamQueryEditor, useQueryMode } from './StreamQueryEditor.tsx';
import { StreamSettingsFields } from './StreamSettingsFields.tsx';
import {
  parseJson,
  prettyJson,
  queryFieldsOf,
  queryToForm,
  STREAM_FORM_LABELS,
  StreamFormSchema,
  streamFieldOf,
  type StreamFormValues,
} from './stream-form.ts';
import { wordedResolver } from './form-errors.ts';
import { streamPatch, streamPut } from './use-streams.ts';
import { cx } from './class-names.ts';
import styles from './StreamEditForm.module.css';

interface Props {
  stream: StreamDto;
  /** The stream's platform, for its query form; without it the query is edited as JSON. */
  platform: PlatformDto | undefined;
  onDone(): void;
}

/** Name, pace, budget and query of one stream, in the platform's form; sends only what changed. */
export function StreamEditForm({ stream, platform, onDone }: Props) {
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
  const mode = useQueryMode(form, fields, stream.query);
  const save = useFormMutation(form, streamFieldOf(fields, mode.advanced), {
    request: (body: StreamPatchBody) => streamPatch(stream.id, body),
    put: ({ stream: saved }: { stream: StreamDto }) => [streamPut(saved.id, saved)],
    onSuccess: () => onDone(),
  });

  const submit = form.handleSubmit((values) => {
    const checked = StreamFormSchema.parse(values);
    const body: StreamPatchBody = {};
    if (values.name !== original.name) body.name = values.name;
    if (values.pollSeconds !== original.pollSeconds) {
      if (checked.pollSeconds === undefined) return form.setError('pollSeconds', { message: 'Poll interval: give a number of seconds.' });
      body.pollIntervalMs = checked.pollSeconds;
    }
    if (values.budget !== original.budget) body.readBudgetMonthly = checked.budget ?? null;
    const query = mode.query();
    if (!query.ok) return mode.setJsonError(query.message);
    // Untouched fields send no query: a changed query starts the stream from a fresh cursor.
    const changed = mode.advanced ? prettyJson(query.value) !== prettyJson(stream.query) : JSON.stringify(values.query) !== JSON.stringify(original.query);
    if (changed) body.query = query.value;
    if (Object.keys(body).length === 0) return onDone();
    save.send(body);
  });

  return (
    <form className={cx('form', styles.streamEdit)} onSubmit={(e) => void submit(e)} data-testid="stream-edit-form" noValidate>
      <StreamSettingsFields form={form} nameLabel="Name" idPrefix="stream-edit" />
      <StreamQueryEditor form={form} fields={fields} mode={mode} platformLabel={platform?.label ?? stream.platform} idPrefix="stream" />
      <FormFailure messages={[save.failure]} testId="stream-edit-error" />
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={save.pending || (mode.advanced && !parseJson(mode.json).ok)}>
          {save.pending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
