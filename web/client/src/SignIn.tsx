import { useState, type FormEvent } from 'react';
import type { SignInBody, UserDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage } from './api.ts';

interface Props {
  onSignedIn(user: UserDto): void;
  /** Why the user is here, e.g. their session expired. */
  notice: string | null;
}

export function SignIn({ onSignedIn, notice }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: SignInBody = { email: email.trim(), password };
      const { user } = await api<{ user: UserDto }>('POST', '/api/session', { body, expectUnauthorized: true });
      onSignedIn(user);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 && e.code === 'http_401'
          ? 'Wrong email or password.'
          : errorMessage(e),
      );
      setBusy(false);
    }
  };

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
        {error !== null && (
          <p className="alert" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy} data-testid="sign-in">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
