import { useState, type FormEvent } from 'react';
import type { CreatedInvitation, InvitationBody, InvitationDto, TeamUserDto, UserDto, UserPatchBody } from '../../src/api/contract.ts';
import { ROLES } from '../../src/api/roles.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { useResource } from './use-resource.ts';
import { UserBrandsControl } from './UserBrandsControl.tsx';

type Role = UserDto['role'];

const ROLE_HELP: Record<Role, string> = {
  viewer: 'reads the inbox and settings',
  agent: 'replies and corrects',
  manager: 'sets up brands, streams and response targets',
  admin: 'manages users, credentials and the audit log',
};

/** Admins: who is on the team, with which role; invitations out; disabling someone. */
export function TeamPage({ me }: { me: UserDto }) {
  const users = useResource<{ users: TeamUserDto[] }>('/api/users');
  const invitations = useResource<{ invitations: InvitationDto[] }>('/api/invitations');
  const brands = useResource<{ brands: { id: string; name: string }[] }>('/api/brands');
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const change = async (user: TeamUserDto, body: UserPatchBody) => {
    setBusyId(user.id);
    setRowError(null);
    try {
      const res = await api<{ user: TeamUserDto }>('PATCH', `/api/users/${user.id}`, { body });
      users.set({ users: (users.data?.users ?? []).map((u) => (u.id === user.id ? res.user : u)) });
    } catch (e) {
      setRowError({ id: user.id, message: errorMessage(e) });
    }
    setBusyId(null);
  };

  const resetTotp = async (user: TeamUserDto) => {
    setBusyId(user.id);
    setRowError(null);
    try {
      await api('DELETE', `/api/users/${user.id}/totp`);
      users.set({ users: (users.data?.users ?? []).map((u) => (u.id === user.id ? { ...u, totpEnabled: false } : u)) });
    } catch (e) {
      setRowError({ id: user.id, message: errorMessage(e) });
    }
    setBusyId(null);
  };

  const withdraw = async (invitation: InvitationDto) => {
    // Withdrawn or already used: either way the reloaded list shows what is open.
    await api('DELETE', `/api/invitations/${invitation.id}`).catch(() => undefined);
    invitations.reload();
  };

  let list;
  if (users.error !== null) {
    list = (
      <div className="alert" role="alert">
        <span>{users.error}</span>
        <button type="button" className="button small" onClick={users.reload}>
          Try again
        </button>
      </div>
    );
  } else if (users.data === null) {
    list = (
      <p className="placeholder" role="status">
        Loading the team…
      </p>
    );
  } else {
    list = (
      <div className="card table-card">
        <table className="data-table" data-testid="team-table">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Brands</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.id} data-testid="team-row" data-email={u.email}>
                <th scope="row">
                  <bdi>{u.name}</bdi>
                  {u.id === me.id && <span className="muted small"> (you)</span>}
                </th>
                <td>{u.email}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    Role of {u.email}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    disabled={busyId === u.id}
                    onChange={(e) => void change(u, { role: e.target.value as Role })}
                    data-testid="role-select"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                  {rowError?.id === u.id && (
                    <p className="field-error" role="alert" data-testid="row-error">
                      {rowError.message}
                    </p>
                  )}
                </td>
                <td data-testid="user-status">
                  {u.disabledAt === null ? 'Active' : `Disabled ${formatDateTime(u.disabledAt)}`}
                  {u.totpEnabled && <span className="muted small block">two-factor on</span>}
                </td>
                <td>
                  <UserBrandsControl
                    user={u}
                    brands={brands.data?.brands ?? []}
                    onSaved={(saved) => users.set({ users: (users.data?.users ?? []).map((x) => (x.id === saved.id ? saved : x)) })}
                  />
                </td>
                <td>
                  {u.totpEnabled && (
                    <button
                      type="button"
                      className="button small"
                      disabled={busyId === u.id}
                      title="For someone who lost their authenticator app: they sign in with their password alone until they set it up again"
                      onClick={() => void resetTotp(u)}
                      data-testid="reset-totp"
                    >
                      Reset two-factor
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className={u.disabledAt === null ? 'button small danger' : 'button small'}
                    disabled={busyId === u.id}
                    onClick={() => void change(u, { disabled: u.disabledAt === null })}
                    data-testid={u.disabledAt === null ? 'disable-user' : 'enable-user'}
                  >
                    {u.disabledAt === null ? 'Disable' : 'Enable'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <main className="page" aria-labelledby="team-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="team-heading">Team</h1>
        </div>
        <section className="settings-section" aria-labelledby="users-heading">
          <h2 id="users-heading">Users</h2>
          <p className="muted small">
            {ROLES.map((r) => `${r}: ${ROLE_HELP[r]}`).join(' · ')}. Disabling someone ends their sessions at once; their
            replies and the audit log still name them. There is always at least one active admin.
            A user limited to some brands sees only their mentions, streams, alerts and reports.
          </p>
          {list}
        </section>
        <InviteSection onInvited={invitations.reload} />
        <section className="settings-section" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Open invitations</h2>
          {invitations.data === null || invitations.data.invitations.length === 0 ? (
            <p className="placeholder">{invitations.error ?? 'No open invitations.'}</p>
          ) : (
            <ul className="stack" data-testid="open-invitations">
              {invitations.data.invitations.map((i) => (
                <li key={i.id} className="card" data-testid="open-invitation">
                  <span className="strong">{i.email}</span> <span className="muted">as {i.role}, until {formatDateTime(i.expiresAt)}</span>{' '}
                  <button type="button" className="button small" onClick={() => void withdraw(i)}>
                    Withdraw
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}

function InviteSection({ onInvited }: { onInvited(): void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const body: InvitationBody = { email: email.trim(), role };
      const created = await api<CreatedInvitation>('POST', '/api/invitations', { body });
      setLink({ email: created.invitation.email, url: `${window.location.origin}${created.path}` });
      setEmail('');
      onInvited();
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setError('Could not copy: select the link and copy it yourself.');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form className="card form" onSubmit={(e) => void submit(e)} data-testid="invite-form">
        <div className="field-row">
          <div className="field">
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="invite-email" />
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="invite-role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error !== null && (
          <p className="alert" role="alert" data-testid="invite-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="invite-submit">
            {busy ? 'Creating link…' : 'Create invitation link'}
          </button>
        </div>
        {link !== null && (
          <div className="field" data-testid="invite-link-box">
            <label htmlFor="invite-link">
              Send this link to {link.email}. It is shown only now and works once, for 7 days.
            </label>
            <input id="invite-link" type="text" readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="invite-link" />
            <button type="button" className="button small" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
