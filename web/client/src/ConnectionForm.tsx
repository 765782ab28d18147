import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ConnectionBody, ConnectionDto, PlatformDto } from '../../src/api/contract.ts';
import {
  CONNECTIONS_PATH,
  connectionFieldOf,
  connectionResolver,
  connectionToBody,
  emptyConnectionForm,
  putConnection,
  type ConnectionForm as ConnectionFormValues,
} from './account-forms.ts';
import { errorMessage } from './api.ts';
import { cx } from './class-names.ts';
import styles from './ConnectionForm.module.css';
import { formatDateTime } from './format.ts';
import { Field, FormFailure } from './FormField.tsx';
import { useApiMutation } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';

interface Props {
  platform: PlatformDto;
  connection: ConnectionDto | null;
}

/**
 * Credentials for one platform. Write-only: the API never returns a value, so the form
 * shows only whether they are set, which fields, and when; typed values are cleared once saved.
 */
export function ConnectionForm({ platform, connection }: Props) {
  const resolver = useMemo(() => connectionResolver(platform), [platform]);
  const fieldOf = useMemo(() => connectionFieldOf(platform), [platform]);
  const form = useForm<ConnectionFormValues>({ resolver, defaultValues: emptyConnectionForm(platform) });
  const errors = form.formState.errors;
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const baseId = useId();
  const configured = connection?.configured ?? false;
  const path = `${CONNECTIONS_PATH}/${encodeURIComponent(platform.platform)}`;
  // In form order, and without the labels' explanations in brackets: a summary, not a form.
  const stored = new Set(connection?.fields ?? []);
  const storedLabels = [
    ...platform.credentialFields.filter((f) => stored.has(f.name)).map((f) => f.label.replace(/\s*\(.*\)\s*$/, '')),
    ...[...stored].filter((name) => !platform.credentialFields.some((f) => f.name === name)),
  ];

  const save = useFormMutation(form, fieldOf, {
    request: (body: ConnectionBody) => ({ method: 'PUT', path, body }),
    put: ({ connection: saved }: { connection: ConnectionDto }) => putConnection(platform.platform, saved),
    onMutate: () => setNotice(null),
    onSuccess: () => {
      form.reset(emptyConnectionForm(platform));
      setNotice('Saved.');
    },
  });
  const remove = useApiMutation({
    request: () => ({ method: 'DELETE', path }),
    put: () => putConnection(platform.platform, null),
    onMutate: () => setNotice(null),
    onSuccess: () => {
      setConfirmRemove(false);
      setNotice('Removed.');
    },
  });
  const submit = form.handleSubmit((values) => {
    remove.reset();
    save.send(connectionToBody(values));
  });
  const busy = save.pending || remove.isPending;

  return (
    <form
      className={cx('card form', styles.connection)}
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${baseId}-title`}
      data-testid="connection"
      data-platform={platform.platform}
      data-configured={configured}
      autoComplete="off"
    >
      <div className={styles.head}>
        <h3 id={`${baseId}-title`}>{platform.label}</h3>
        <span className={`badge ${configured ? 'health-ok' : 'health-pending'}`} data-testid="connection-status">
          {configured ? 'Configured' : 'Not configured'}
        </span>
      </div>
      <p className="muted small" data-testid="connection-summary">
        {configured ? (
          <>
            Stored: {storedLabels.join(', ') || 'no fields'}
            {connection?.updatedAt != null && <> · updated {formatDateTime(connection.updatedAt)}</>}. Values are
            never shown; to change them, enter all the fields again.
          </>
        ) : (
          <>No credentials stored. Streams on {platform.label} fail until they are.</>
        )}
      </p>
      <div className={styles.fieldGrid}>
        {platform.credentialFields.map((field) => (
          <Field
            key={field.name}
            label={
              <>
                {field.label}
                {field.optional && !/optional/i.test(field.label) && <span className="muted small"> (optional)</span>}
              </>
            }
            error={errors[field.name]?.message}
          >
            {(input) => (
              <input
                {...input}
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                spellCheck={false}
                required={!field.optional}
                {...form.register(field.name)}
              />
            )}
          </Field>
        ))}
      </div>
      <FormFailure
        messages={[errors.root?.message, save.failure, remove.error !== null ? errorMessage(remove.error) : null]}
        testId="connection-error"
      />
      <div className="form-actions">
        {notice !== null && (
          <span className="saved" role="status" data-testid="connection-notice">
            {notice}
          </span>
        )}
        {configured &&
          (confirmRemove ? (
            <span className="confirm">
              <span className="small">Remove the stored credentials?</span>
              <button type="button" className="button small danger" onClick={() => remove.mutate()} disabled={busy}>
                {remove.isPending ? 'Removing…' : 'Yes, remove'}
              </button>
              <button type="button" className="button small" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmRemove(true)} data-testid="connection-remove">
              Remove
            </button>
          ))}
        <button type="submit" className="button primary" disabled={busy}>
          {save.pending ? 'Saving…' : configured ? 'Replace credentials' : 'Save credentials'}
        </button>
      </div>
    </form>
  );
}
