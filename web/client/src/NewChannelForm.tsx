import { useForm } from 'react-hook-form';
import type { BrandDto } from '../../src/api/contract.ts';
import type { ChannelDto, NewChannelBody } from '../../src/api/channels-contract.ts';
import { BrandScopeField } from './BrandScopeField.tsx';
import { CHANNELS_PATH, channelFieldOf, channelResolver, emptyChannelForm, formToChannelBody, type ChannelForm } from './channel-form.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, withItem } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';

interface Props {
  brands: BrandDto[];
  onCreated(channel: ChannelDto, signingSecret: string | null): void;
}

/** A new email list or webhook, checked with the server's schema; each problem shows by its field. */
export function NewChannelForm({ brands, onCreated }: Props) {
  const form = useForm<ChannelForm>({ resolver: channelResolver, defaultValues: emptyChannelForm(Intl.DateTimeFormat().resolvedOptions().timeZone) });
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const create = useFormMutation(form, channelFieldOf, {
    request: (body: NewChannelBody) => ({ method: 'POST', path: CHANNELS_PATH, body }),
    put: ({ channel }: { channel: ChannelDto; signingSecret?: string }) => [
      cachePut<{ channels: ChannelDto[] }>(CHANNELS_PATH, (old) => ({ channels: withItem(old?.channels, channel.id, channel) })),
    ],
    onSuccess: ({ channel, signingSecret }) => {
      form.reset({ ...form.getValues(), name: '', recipients: '', url: '' });
      onCreated(channel, signingSecret ?? null);
    },
  });
  const submit = form.handleSubmit((values) => create.send(formToChannelBody(values)));
  const [kind, quiet] = watch(['kind', 'quiet']);

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="New notification channel" data-testid="new-channel" noValidate>
      <h3>New channel</h3>
      <div className="field-row">
        <Field label="Kind" error={errors.kind?.message}>
          {(input) => (
            <select {...input} {...register('kind')}>
              <option value="webhook">Webhook</option>
              <option value="email">Email</option>
            </select>
          )}
        </Field>
        <Field label="Name" error={errors.name?.message} errorTestId="new-channel-name-error">
          {(input) => <input {...input} maxLength={100} {...register('name')} />}
        </Field>
        <BrandScopeField label="Brand" brands={brands} error={errors.brandId?.message} field={register('brandId')} />
        <Field label="Severity" error={errors.minSeverity?.message}>
          {(input) => (
            <select {...input} {...register('minSeverity')}>
              <option value="low">All</option>
              <option value="high">High only</option>
            </select>
          )}
        </Field>
      </div>
      {kind === 'email' ? (
        <Field className="field wide" label="Recipients (comma separated)" error={errors.recipients?.message} errorTestId="new-channel-recipients-error">
          {(input) => <input {...input} spellCheck={false} {...register('recipients')} />}
        </Field>
      ) : (
        <div className="field-row">
          <Field className="field wide" label="Webhook URL" error={errors.url?.message} errorTestId="new-channel-url-error">
            {(input) => <input {...input} type="url" spellCheck={false} {...register('url')} />}
          </Field>
          <Field label="Body" error={errors.format?.message}>
            {(input) => (
              <select {...input} {...register('format')}>
                <option value="slack">Slack-compatible</option>
                <option value="json">Earshot JSON</option>
              </select>
            )}
          </Field>
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label className="check">
            <input type="checkbox" {...register('quiet')} /> <span>Quiet hours</span>
          </label>
        </div>
        {quiet && (
          <>
            <Field label="From" error={errors.quietStart?.message}>
              {(input) => <input {...input} type="time" {...register('quietStart')} />}
            </Field>
            <Field label="To" error={errors.quietEnd?.message} errorTestId="new-channel-quiet-end-error">
              {(input) => <input {...input} type="time" {...register('quietEnd')} />}
            </Field>
            <Field label="Time zone" error={errors.quietZone?.message}>
              {(input) => <input {...input} spellCheck={false} {...register('quietZone')} />}
            </Field>
          </>
        )}
      </div>
      <FormFailure messages={[errors.root?.message, create.failure]} testId="new-channel-error" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={create.pending}>
          {create.pending ? 'Adding…' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
