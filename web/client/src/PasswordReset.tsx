import { useState, type FormEvent } from 'react';
import type { PasswordResetAnswer, PasswordResetConfirmBody, PasswordResetRequestBody } from '../../src/api/password-reset-contract.ts';
import { api, errorMessage } from './api.ts';

/** The token of a `/reset-password#<token>` link (in the fragment: never sent to a server). */
export function resetTokenFromLocation(location: Pick<Location, 'pathname' | 'hash'>): string | null {
  if (location.pathname !== '/reset-password') return null;
  const token = location.hash.replace(/^#/, '');
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : '';
}

/** "Forgot password": asks for a link by email. The answer is the same whether or not the email has an account. */
export function ForgotPassword({ initialEmail, onBack }: { initialEmail: string; onBack(): void }) {
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: PasswordResetRequestBody = { email: email.trim() };
      setSent((await api<PasswordResetAnswer>('POST', '/api/password-reset', { body, expectUnauthorized: true })).message);
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} data-testid="forgot-form">
        <h1>Forgot your password?</h1>
        <p className="muted">Enter the email you sign in with; we send a link to choose a new password.</p>
        <label htmlFor="forgot-email">Email</label>
        <input id="forgot-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="forgot-email" />
        {sent !== null && (
          <p className="notice" role="status" data-testid="forgot-sent">
            {sent}
          </p>
        )}
        {error !== null && (
          <p className="alert" role="alert" data-testid="forgot-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy} data-testid="forgot-submit">
          {busy ? 'Sending…' : sent === null ? 'Email me a link' : 'Send another link'}
        </button>
        <button type="button" className="button wide" onClick={onBack} data-testid="back-to-sign-in">
          Back to sign in
        </button>
      </form>
    </main>
  );
}

/** The page a reset link opens: choose a new password (typed twice). */
export function ResetPassword({ token, onDone }: { token: string; onDone(notice: string): void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(token === '' ? 'This reset link is incomplete: open the whole link from the email, or ask for a new one.' : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== again) {
      setError('The two passwords differ: type the same one twice.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: PasswordResetConfirmBody = { token, password };
      const answer = await api<PasswordResetAnswer>('POST', '/api/password-reset/confirm', { body, expectUnauthorized: true });
      onDone(answer.message);
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} data-testid="reset-form">
        <h1>Choose a new password</h1>
        <p className="muted">At least 10 characters. Every session of yours ends when it is saved.</p>
        <label htmlFor="reset-password">New password</label>
        <input id="reset-password" type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} data-testid="reset-password" />
        <label htmlFor="reset-password-again">New password again</label>
        <input id="reset-password-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} data-testid="reset-password-again" />
        {error !== null && (
          <p className="alert" role="alert" data-testid="reset-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy || token === ''} data-testid="reset-submit">
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
        <button type="button" className="button wide" onClick={() => onDone('')} data-testid="reset-cancel">
          Back to sign in
        </button>
      </form>
    </main>
  );
}
