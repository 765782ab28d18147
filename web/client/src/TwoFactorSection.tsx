import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { TotpSetup, TotpStatus } from '../../src/api/contract.ts';
import { TOTP_PATH, totpFieldOf, totpResolver, type TotpCodeForm } from './account-forms.ts';
import { errorMessage } from './api.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, useApiMutation } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { useResource } from './use-resource.ts';

/** Turn two-factor sign-in (an authenticator app's 6-digit codes) on or off for yourself. */
export function TwoFactorSection() {
  const status = useResource<TotpStatus>(TOTP_PATH);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const form = useForm<TotpCodeForm>({ resolver: totpResolver, defaultValues: { code: '' } });
  const codeError = form.formState.errors.code?.message;
  const start = useApiMutation<void, TotpSetup>({
    request: () => ({ method: 'POST', path: TOTP_PATH }),
    onMutate: () => form.clearErrors(),
    onSuccess: (made) => setSetup(made),
  });
  // Confirming a new secret and turning it off both send a current code; the answer is the status.
  const send = useFormMutation(form, totpFieldOf, {
    request: ({ action, code }: { action: 'confirm' | 'disable'; code: string }) => ({ method: 'POST', path: `${TOTP_PATH}/${action}`, body: { code } }),
    put: (answer: TotpStatus) => [cachePut<TotpStatus>(TOTP_PATH, () => answer)],
    onSuccess: () => {
      setSetup(null);
      form.reset({ code: '' });
    },
  });
  const submit = (action: 'confirm' | 'disable') => form.handleSubmit((values) => send.send({ action, code: values.code.trim() }));
  const busy = start.isPending || send.pending;

  const codeField = (
    <Field className="field narrow" label="Current code" error={codeError} errorTestId="totp-code-error">
      {(input) => (
        <input
          {...input}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          {...form.register('code')}
          data-testid="totp-confirm-code"
        />
      )}
    </Field>
  );

  let body;
  if (status.data === null) {
    body = <p className="placeholder">{status.error ?? 'Loading…'}</p>;
  } else if (status.data.enabled) {
    body = (
      <form className="card form" onSubmit={(e) => void submit('disable')(e)} data-testid="totp-on" noValidate>
        <p>
          <span className="strong">On.</span> Signing in asks for a code from your authenticator app. To turn it off,
          enter a current code.
        </p>
        {codeField}
        <div className="form-actions">
          <button type="submit" className="button danger" disabled={busy}>
            {send.pending ? 'Turning off…' : 'Turn off'}
          </button>
        </div>
      </form>
    );
  } else if (setup !== null) {
    body = (
      <form className="card form" onSubmit={(e) => void submit('confirm')(e)} data-testid="totp-setup" noValidate>
        <p>
          Add Earshot to your authenticator app with this key (or open the link on your phone), then enter the code it
          shows.
        </p>
        <div className="field">
          <label htmlFor="totp-secret">Key</label>
          <input id="totp-secret" type="text" readOnly value={setup.secret} onFocus={(e) => e.target.select()} data-testid="totp-secret" />
        </div>
        <div className="field">
          <label htmlFor="totp-uri">Link</label>
          <input id="totp-uri" type="text" readOnly value={setup.uri} onFocus={(e) => e.target.select()} />
        </div>
        {codeField}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="totp-confirm">
            {send.pending ? 'Turning on…' : 'Turn on'}
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <div className="card">
        <p>Off. With it on, signing in also asks for a 6-digit code from an authenticator app on your phone.</p>
        <button type="button" className="button" onClick={() => start.mutate()} disabled={busy} data-testid="totp-start">
          {start.isPending ? 'Setting up…' : 'Set up two-factor sign-in'}
        </button>
      </div>
    );
  }

  return (
    <section className="settings-section" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor sign-in</h2>
      {body}
      <FormFailure
        messages={[form.formState.errors.root?.message, send.failure, start.error !== null ? errorMessage(start.error) : null]}
        testId="totp-error"
      />
    </section>
  );
}
