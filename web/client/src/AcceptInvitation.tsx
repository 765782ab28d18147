import { useEffect, useState, type FormEvent } from 'react';
import type { AcceptInvitationBody, InvitationDto, UserDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';

interface Props {
  token: string;
  onSignedIn(user: UserDto): void;
}

/** The page an invitation link opens: choose a name and password, and you are in. */
export function AcceptInvitation({ token, onSignedIn }: Props) {
  const [invitation, setInvitation] = useState<InvitationDto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ invitation: InvitationDto }>('POST', '/api/invitations/preview', { body: { token }, expectUnauthorized: true }).then(
      (r) => setInvitation(r.invitation),
      (e: unknown) => setProblem(errorMessage(e)),
    );
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords differ: type the same password twice.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: AcceptInvitationBody = { token, name: name.trim(), password };
      const { user } = await api<{ user: UserDto }>('POST', '/api/invitations/accept', { body, expectUnauthorized: true });
      // The invitation link must not stay in the address bar or history once used.
      window.history.replaceState(null, '', '/');
      onSignedIn(user);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} data-testid="accept-invitation-form">
        <h1>Earshot</h1>
        {problem !== null ? (
          <>
            <p className="alert" role="alert" data-testid="invitation-problem">
              {problem}
            </p>
            <a className="button wide" href="/">
              Go to sign-in
            </a>
          </>
        ) : invitation === null ? (
          <p className="placeholder" role="status">
            Checking your invitation…
          </p>
        ) : (
          <>
            <p className="muted" data-testid="invitation-summary">
              You are invited to join as <span className="strong">{invitation.role}</span> with{' '}
              <span className="strong">{invitation.email}</span>. Choose your name and a password.
            </p>
            <label htmlFor="accept-name">Your name</label>
            <input id="accept-name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor="accept-password">Password</label>
            <input
              id="accept-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <label htmlFor="accept-confirm">Password again</label>
            <input
              id="accept-confirm"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
            {error !== null && (
              <p className="alert" role="alert" data-testid="accept-error">
                {error}
              </p>
            )}
            <button type="submit" className="button primary wide" disabled={busy} data-testid="accept-invitation">
              {busy ? 'Creating your account…' : 'Join'}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
