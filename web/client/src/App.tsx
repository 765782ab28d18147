import { QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { UserDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage, setUnauthorizedHandler } from './api.ts';
import { Dashboard } from './Dashboard.tsx';
import { SignIn } from './SignIn.tsx';
import { AcceptInvitation } from './AcceptInvitation.tsx';
import { invitationTokenFromPath } from './use-route.ts';
import { ResetPassword, resetTokenFromLocation } from './PasswordReset.tsx';
import { createQueryClient } from './query-client.ts';

/** A fresh query cache for each signed-in session: it is dropped with the session. */
function SessionCache({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

type Session =
  | { state: 'checking' }
  | { state: 'unreachable'; message: string }
  | { state: 'signed-out'; notice: string | null }
  | { state: 'signed-in'; user: UserDto };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [signingOut, setSigningOut] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // An invitation link is answered before any session check: its holder has no account yet.
  const [inviteToken, setInviteToken] = useState(() => invitationTokenFromPath(window.location.pathname));
  // So is a password reset link: its holder is signed out (and is signed out everywhere after it).
  const [resetToken, setResetToken] = useState(() => resetTokenFromLocation(window.location));

  useEffect(() => {
    setUnauthorizedHandler(() =>
      setSession((s) =>
        s.state === 'signed-in' ? { state: 'signed-out', notice: 'Your session has ended. Sign in again.' } : s,
      ),
    );
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => {
    api<{ user: UserDto }>('GET', '/api/session', { expectUnauthorized: true }).then(
      ({ user }) => setSession({ state: 'signed-in', user }),
      (error: unknown) =>
        setSession(
          error instanceof ApiError && error.status === 401
            ? { state: 'signed-out', notice: null }
            : { state: 'unreachable', message: errorMessage(error) },
        ),
    );
  }, [attempt]);

  const signOut = useCallback(async () => {
    setSigningOut(true);
    try {
      await api('DELETE', '/api/session', { expectUnauthorized: true });
    } catch {
      // The cookie may already be gone; either way this browser is signed out now.
    }
    setSigningOut(false);
    window.history.pushState(null, '', '/');
    setSession({ state: 'signed-out', notice: 'You have signed out.' });
  }, []);

  if (resetToken !== null) {
    return (
      <ResetPassword
        token={resetToken}
        onDone={(notice) => {
          // The token leaves the address bar and the history entry.
          window.history.replaceState(null, '', '/');
          setResetToken(null);
          setSession({ state: 'signed-out', notice: notice === '' ? null : notice });
        }}
      />
    );
  }

  if (inviteToken !== null) {
    return (
      <AcceptInvitation
        token={inviteToken}
        onSignedIn={(user) => {
          setInviteToken(null);
          setSession({ state: 'signed-in', user });
        }}
      />
    );
  }

  switch (session.state) {
    case 'checking':
      return (
        <p className="placeholder center" role="status">
          Loading Earshot…
        </p>
      );
    case 'unreachable':
      return (
        <main className="signin">
          <div className="signin-card">
            <h1>Earshot</h1>
            <p className="alert" role="alert">
              {session.message}
            </p>
            <button type="button" className="button primary wide" onClick={() => {
                setSession({ state: 'checking' });
                setAttempt((n) => n + 1);
              }}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'signed-out':
      return <SignIn notice={session.notice} onSignedIn={(user) => setSession({ state: 'signed-in', user })} />;
    case 'signed-in':
      return (
        <SessionCache key={session.user.id}>
          <Dashboard user={session.user} signingOut={signingOut} onSignOut={() => void signOut()} />
        </SessionCache>
      );
  }
}
