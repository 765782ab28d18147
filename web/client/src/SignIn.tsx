import { useState, type FormEvent } from 'react';
import type { SignInBody, UserDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';
import { ForgotPassword } from './PasswordReset.tsx';
import styles from './SignIn.module.css';

interface Props {
  onSignedIn(user: UserDto): void;
  /** Why the user is here, e.g. their session expired. */
  notice: string | null;
}

export function SignIn({ onSignedIn, notice }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server says this account has two-factor sign-in on.
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: SignInBody = { email: email.trim(), password, ...(needsCode ? { code: code.trim() } : {}) };
      const { user } = await api<{ user: UserDto }>('POST', '/api/session', { body, expectUnauthorized: true });
      onSignedIn(user);
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'totp_required') {
        setError(needsCode ? e.message : null);
        setNeedsCode(true);
        setCode('');
        setBusy(false);
        return;
      }
      setError(
        e instanceof ApiError && e.status === 401 && e.code === 'http_401'
          ? 'Wrong email or password.'
          : errorMessage(e),
      );
      setBusy(false);
    }
  };

  if (forgot) return <ForgotPassword initialEmail={email} onBack={() => setForgot(false)} />;

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
        <h1>Earshot</h1>
        <p className="muted">Sign in to answer your mentions.</p>
        {notice !== null && error === null && (
          <p className="notice" role="status" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="email"
        />
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="password"
        />
        {needsCode && (
          <>
            <label htmlFor="signin-code">Code from your authenticator app</label>
            <input
              id="signin-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="totp-code"
            />
          </>
        )}
        {error !== null && (
          <p className="alert" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy} data-testid="sign-in">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <button type="button" className={styles.linkButton} onClick={() => setForgot(true)} data-testid="forgot-password">
          Forgot your password?
        </button>
      </form>
    </main>
  );
}
