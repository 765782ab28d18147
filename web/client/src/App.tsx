import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserDto } from '../../src/api/contract.ts';
import { ApiError, api, errorMessage, setUnauthorizedHandler } from './api.ts';
import { SessionContext, type Session as SignedIn } from './dashboard-context.ts';
import { SignIn } from './SignIn.tsx';
import { AcceptInvitation } from './AcceptInvitation.tsx';
import { appHistory, invitationTokenFromPath, navigate } from './use-route.ts';
import { ResetPassword, resetTokenFromLocation } from './PasswordReset.tsx';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './router.tsx';
import { cx } from './class-names.ts';
import styles from './App.module.css';

// One router for the page's life. It is shown only to a signed-in session: signed out, the
// sign-in form stands at whatever address was opened (a bookmark, a shared view, a link from
// an email), the address is left as it is, and signing in shows that very screen.
const router = createAppRouter(appHistory());

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
    navigate('/');
    setSession({ state: 'signed-out', notice: 'You have signed out.' });
  }, []);

  const user = session.state === 'signed-in' ? session.user : null;
  const signedIn = useMemo<SignedIn | null>(
    () => (user === null ? null : { user, signingOut, onSignOut: () => void signOut() }),
    [user, signingOut, signOut],
  );

  if (resetToken !== null) {
    return (
      <ResetPassword
        token={resetToken}
        onDone={(notice) => {
          // The token leaves the address bar and the history entry.
          navigate('/', { replace: true });
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
        <p className={cx('placeholder', styles.center)} role="status">
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
          <SessionContext.Provider value={signedIn}>
            <RouterProvider router={router} />
          </SessionContext.Provider>
        </SessionCache>
      );
  }
}
