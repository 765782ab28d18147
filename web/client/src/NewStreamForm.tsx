import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { BrandDto, NewStreamBody, PlatformDto, StreamDto } from '../../src/api/contract.ts';
import { wordedResolver } from './form-errors.ts';
import { Field, FormFailure } from './FormField.tsx';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { StreamSettingsFields } from './StreamSettingsFields.tsx';
import { STREAMS_PATH, streamPut } from './use-streams.ts';
import { NoCredentialsWarning } from './NoCredentialsWarning.tsx';
import { StreamQueryEditor, useQueryMode } from './StreamQueryEditor.tsx';
import {
  NEW_BRAND,
  parseJson,
  queryFieldsOf,
  queryToForm,
  STREAM_FORM_LABELS,
  StreamFormSchema,
  streamFieldOf,
  type StreamFormValues,
} from './stream-form.ts';

interface Props {
  brands: BrandDto[];
  platforms: PlatformDto[];
  onCreated(stream: StreamDto, warning: string | null): void;
  onBrandCreated(brand: BrandDto): void;
  onCancel(): void;
}

/**
 * A new stream: a form per platform, built from the platform's own query schema (lists,
 * switches, text), with the query as JSON under "Advanced" for what the form does not show.
 */
export function NewStreamForm({ brands, platforms, onCreated, onBrandCreated, onCancel }: Props) {
  const firstPlatform = platforms[0];
  const form = useForm<StreamFormValues>({
    resolver: wordedResolver(StreamFormSchema, STREAM_FORM_LABELS),
    defaultValues: {
      brandId: brands[0]?.id ?? NEW_BRAND,
      newBrand: '',
      platform: firstPlatform?.platform ?? '',
      name: '',
      pollSeconds: '',
      budget: '',
      query: queryToForm(queryFieldsOf(firstPlatform?.querySchema), firstPlatform?.queryExample, firstPlatform?.querySchema),
    },
  });
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const platformId = useId();

  const platform = watch('platform');
  const brandId = watch('brandId');
  const chosen = platforms.find((p) => p.platform === platform);
  const fields = useMemo(() => queryFieldsOf(chosen?.querySchema), [chosen]);
  const mode = useQueryMode(form, fields, chosen?.queryExample ?? {});

  const choosePlatform = (next: string) => {
    const p = platforms.find((x) => x.platform === next);
    // Each platform has its own fields: start from its example.
    form.setValue('query', queryToForm(queryFieldsOf(p?.querySchema), p?.queryExample, p?.querySchema));
    form.setValue('platform', next);
    mode.setJsonError(null);
  };

  const createStream = useFormMutation(form, streamFieldOf(fields, mode.advanced), {
    request: (body: NewStreamBody) => ({ method: 'POST', path: STREAMS_PATH, body }),
    put: ({ stream }: { stream: StreamDto; warning?: string }) => [streamPut(stream.id, stream)],
    onSuccess: ({ stream, warning }) => onCreated(stream, warning ?? null),
  });
  // A new brand first; the stream follows once it exists.
  const createBrand = useFormMutation(form, (path) => (path === 'name' ? 'newBrand' : null), {
    request: ({ name }: { name: string; stream: Omit<NewStreamBody, 'brandId'> }) => ({ method: 'POST', path: '/api/brands', body: { name } }),
    onSuccess: ({ brand }: { brand: BrandDto }, { stream }) => {
      // From here on the brand exists: a retry after a stream error must not add it twice.
      form.setValue('brandId', brand.id);
      form.setValue('newBrand', '');
      onBrandCreated(brand);
      createStream.send({ ...stream, brandId: brand.id });
    },
  });
  const pending = createBrand.pending || createStream.pending;

  const submit = form.handleSubmit((values) => {
    const parsedQuery = mode.query();
    if (!parsedQuery.ok) return mode.setJsonError(parsedQuery.message);
    const checked = StreamFormSchema.parse(values);
    const stream = {
      platform: values.platform,
      name: values.name,
      query: parsedQuery.value,
      readBudgetMonthly: checked.budget ?? null,
      ...(checked.pollSeconds === undefined ? {} : { pollIntervalMs: checked.pollSeconds }),
    };
    if (values.brandId === NEW_BRAND) createBrand.send({ name: values.newBrand, stream });
    else createStream.send({ ...stream, brandId: values.brandId });
  });

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-stream-heading" data-testid="new-stream-form" noValidate>
      <h2 id="new-stream-heading">New stream</h2>
      <div className="field-row">
        <Field label="Brand" error={errors.brandId?.message}>
          {(input) => (
            <select {...input} {...register('brandId')}>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
              <option value={NEW_BRAND}>New brand…</option>
            </select>
          )}
        </Field>
        {brandId === NEW_BRAND && (
          <Field label="New brand name" error={errors.newBrand?.message}>
            {(input) => <input {...input} maxLength={100} {...register('newBrand')} data-testid="new-brand-name" />}
          </Field>
        )}
        <div className="field">
          <label htmlFor={platformId}>Platform</label>
          <select
            id={platformId}
            value={platform}
            onChange={(e) => choosePlatform(e.target.value)}
            data-testid="new-stream-platform"
          >
            {platforms.map((p) => (
              <option key={p.platform} value={p.platform}>
                {p.label}
                {p.configured === false ? ' (no credentials yet)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen !== undefined && chosen.configured === false && <NoCredentialsWarning platform={chosen} />}
      <StreamSettingsFields form={form} nameLabel="Stream name" namePlaceholder="e.g. Mentions of Acme" pollPlaceholder="default" idPrefix="new-stream" />
      <StreamQueryEditor form={form} fields={fields} mode={mode} platformLabel={chosen?.label ?? 'this platform'} idPrefix="new-stream" />
      <FormFailure messages={[createBrand.failure, createStream.failure]} testId="new-stream-error" />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={pending || platform === '' || (mode.advanced && !parseJson(mode.json).ok)} data-testid="new-stream-create">
          {pending ? 'Creating…' : 'Create stream'}
        </button>
      </div>
    </form>
  );
}
