import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { BrandDto, NewStreamBody, PlatformDto, StreamDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { placeServerErrors, wordedResolver } from './form-errors.ts';
import { NoCredentialsWarning } from './NoCredentialsWarning.tsx';
import { StreamQueryEditor, useQueryMode } from './StreamQueryEditor.tsx';
import {
  NEW_BRAND,
  parseJson,
  queryFieldsOf,
  queryToForm,
  STREAM_FORM_LABELS,
  StreamFormSchema,
  streamFormFieldOf,
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
  const { register, formState, setError, watch } = form;
  const errors = formState.errors;
  const [failure, setFailure] = useState<string | null>(null);
  const ids = { brand: useId(), newBrand: useId(), platform: useId(), name: useId(), poll: useId(), budget: useId() };

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

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const parsedQuery = mode.query();
    if (!parsedQuery.ok) return mode.setJsonError(parsedQuery.message);
    const checked = StreamFormSchema.parse(values);
    try {
      let forBrand = values.brandId;
      if (forBrand === NEW_BRAND) {
        try {
          const { brand } = await api<{ brand: BrandDto }>('POST', '/api/brands', { body: { name: values.newBrand } });
          // From here on the brand exists: a retry after a stream error must not add it twice.
          form.setValue('brandId', brand.id);
          form.setValue('newBrand', '');
          onBrandCreated(brand);
          forBrand = brand.id;
        } catch (e) {
          const left = placeServerErrors(e, (path, message) => (path === 'name' ? (setError('newBrand', { message }), true) : false));
          if (left !== null) setFailure(left);
          return;
        }
      }
      const body: NewStreamBody = {
        brandId: forBrand,
        platform: values.platform,
        name: values.name,
        query: parsedQuery.value,
        readBudgetMonthly: checked.budget ?? null,
        ...(checked.pollSeconds === undefined ? {} : { pollIntervalMs: checked.pollSeconds }),
      };
      const { stream, warning } = await api<{ stream: StreamDto; warning?: string }>('POST', '/api/streams', { body });
      onCreated(stream, warning ?? null);
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
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-stream-heading" data-testid="new-stream-form" noValidate>
      <h2 id="new-stream-heading">New stream</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.brand}>Brand</label>
          <select id={ids.brand} {...register('brandId')} {...invalid(errors.brandId?.message, ids.brand)}>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
            <option value={NEW_BRAND}>New brand…</option>
          </select>
          {fieldError(errors.brandId?.message, ids.brand)}
        </div>
        {brandId === NEW_BRAND && (
          <div className="field">
            <label htmlFor={ids.newBrand}>New brand name</label>
            <input id={ids.newBrand} maxLength={100} {...register('newBrand')} {...invalid(errors.newBrand?.message, ids.newBrand)} data-testid="new-brand-name" />
            {fieldError(errors.newBrand?.message, ids.newBrand)}
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.platform}>Platform</label>
          <select
            id={ids.platform}
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
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.name}>Stream name</label>
          <input id={ids.name} placeholder="e.g. Mentions of Acme" maxLength={100} {...register('name')} {...invalid(errors.name?.message, ids.name)} data-testid="new-stream-name" />
          {fieldError(errors.name?.message, ids.name)}
        </div>
        <div className="field narrow">
          <label htmlFor={ids.poll}>Poll every (seconds)</label>
          <input id={ids.poll} inputMode="numeric" placeholder="default" {...register('pollSeconds')} {...invalid(errors.pollSeconds?.message, ids.poll)} data-testid="new-stream-poll" />
          {fieldError(errors.pollSeconds?.message, ids.poll)}
        </div>
        <div className="field narrow">
          <label htmlFor={ids.budget}>Monthly read budget</label>
          <input id={ids.budget} inputMode="numeric" placeholder="no limit" {...register('budget')} {...invalid(errors.budget?.message, ids.budget)} />
          {fieldError(errors.budget?.message, ids.budget)}
        </div>
      </div>
      <StreamQueryEditor form={form} fields={fields} mode={mode} platformLabel={chosen?.label ?? 'this platform'} idPrefix="new-stream" />
      {failure !== null && (
        <p className="alert" role="alert" data-testid="new-stream-error">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={formState.isSubmitting || platform === '' || (mode.advanced && !parseJson(mode.json).ok)} data-testid="new-stream-create">
          {formState.isSubmitting ? 'Creating…' : 'Create stream'}
        </button>
      </div>
    </form>
  );
}
