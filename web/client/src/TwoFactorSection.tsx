import { useState, type FormEvent } from 'react';
import type { TotpSetup, TotpStatus } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { useResource } from './use-resource.ts';

/** Turn two-factor sign-in (an authenticator app's 6-digit codes) on or off for yourself. */
export function TwoFactorSection() {
  const status = useResource<TotpStatus>('/api/account/totp');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  const start = () => run(async () => setSetup(await api<TotpSetup>('POST', '/api/account/totp')));
  const submit = (event: FormEvent, action: 'confirm' | 'disable') => {
    event.preventDefault();
    void run(async () => {
      status.set(await api<TotpStatus>('POST', `/api/account/totp/${action}`, { body: { code: code.trim() } }));
      setSetup(null);
      setCode('');
    });
  };

  const codeField = (
    <div className="field narrow">
      <label htmlFor="totp-code">Current code</label>
      <input
        id="totp-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        data-testid="totp-confirm-code"
      />
    </div>
  );

  let body;
  if (status.data === null) {
    body = <p className="placeholder">{status.error ?? 'Loading…'}</p>;
  } else if (status.data.enabled) {
    body = (
      <form className="card form" onSubmit={(e) => submit(e, 'disable')} data-testid="totp-on">
        <p>
          <span className="strong">On.</span> Signing in asks for a code from your authenticator app. To turn it off,
          enter a current code.
        </p>
        {codeField}
        <div className="form-actions">
          <button type="submit" className="button danger" disabled={busy}>
            Turn off
          </button>
        </div>
      </form>
    );
  } else if (setup !== null) {
    body = (
      <form className="card form" onSubmit={(e) => submit(e, 'confirm')} data-testid="totp-setup">
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
            Turn on
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <div className="card">
        <p>Off. With it on, signing in also asks for a 6-digit code from an authenticator app on your phone.</p>
        <button type="button" className="button" onClick={() => void start()} disabled={busy} data-testid="totp-start">
          Set up two-factor sign-in
        </button>
      </div>
    );
  }

  return (
    <section className="settings-section" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor sign-in</h2>
      {body}
      {error !== null && (
        <p className="alert" role="alert" data-testid="totp-error">
          {error}
        </p>
      )}
    </section>
  );
}
