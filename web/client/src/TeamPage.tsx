import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { CreatedInvitation, InvitationBody, InvitationDto, TeamUserDto, UserDto, UserPatchBody } from '../../src/api/contract.ts';
import { ROLES } from '../../src/api/roles.ts';
import { INVITATIONS_PATH, USERS_PATH, inviteFieldOf, inviteResolver, inviteToBody, putTeamUser, type InviteForm } from './account-forms.ts';
import { errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, useApiMutation } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { useResource } from './use-resource.ts';
import { UserBrandsControl } from './UserBrandsControl.tsx';

type Role = UserDto['role'];

const ROLE_HELP: Record<Role, string> = {
  viewer: 'reads the inbox and settings',
  agent: 'replies and corrects',
  manager: 'sets up brands, streams and response targets',
  admin: 'manages users, credentials and the audit log',
};

/** What an admin does to a user from their row. */
type RowAction = { user: TeamUserDto; change: UserPatchBody } | { user: TeamUserDto; resetTotp: true };

/** Admins: who is on the team, with which role; invitations out; disabling someone. */
export function TeamPage({ me }: { me: UserDto }) {
  const users = useResource<{ users: TeamUserDto[] }>(USERS_PATH);
  const invitations = useResource<{ invitations: InvitationDto[] }>(INVITATIONS_PATH);
  const brands = useResource<{ brands: { id: string; name: string }[] }>('/api/brands');

  // One row's write at a time: its row's controls wait, and its refusal shows in that row.
  const rowAction = useApiMutation<RowAction, { user: TeamUserDto } | undefined>({
    request: (action) =>
      'change' in action
        ? { method: 'PATCH', path: `/api/users/${action.user.id}`, body: action.change }
        : { method: 'DELETE', path: `/api/users/${action.user.id}/totp` },
    put: (answer, action) =>
      answer !== undefined
        ? putTeamUser(answer.user)
        : [
            cachePut<{ users: TeamUserDto[] }>(USERS_PATH, (old) => ({
              users: (old?.users ?? []).map((u) => (u.id === action.user.id ? { ...u, totpEnabled: false } : u)),
            })),
          ],
  });
  const busyId = rowAction.isPending ? rowAction.variables.user.id : null;
  const rowError = rowAction.error !== null && rowAction.variables !== undefined ? { id: rowAction.variables.user.id, message: errorMessage(rowAction.error) } : null;
  const change = (user: TeamUserDto, body: UserPatchBody) => rowAction.mutate({ user, change: body });
  const resetTotp = (user: TeamUserDto) => rowAction.mutate({ user, resetTotp: true });

  // Withdrawn or already used: either way the list read again shows what is open.
  const withdraw = useApiMutation<InvitationDto>({
    request: (invitation) => ({ method: 'DELETE', path: `${INVITATIONS_PATH}/${invitation.id}` }),
    invalidate: () => [INVITATIONS_PATH],
    onError: () => invitations.reload(),
  });

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
                    onChange={(e) => change(u, { role: e.target.value as Role })}
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
                  <UserBrandsControl user={u} brands={brands.data?.brands ?? []} />
                </td>
                <td>
                  {u.totpEnabled && (
                    <button
                      type="button"
                      className="button small"
                      disabled={busyId === u.id}
                      title="For someone who lost their authenticator app: they sign in with their password alone until they set it up again"
                      onClick={() => resetTotp(u)}
                      data-testid="reset-totp"
                    >
                      Reset two-factor
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className={u.disabledAt === null ? 'button small danger' : 'button small'}
                    disabled={busyId === u.id}
                    onClick={() => change(u, { disabled: u.disabledAt === null })}
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
        <InviteSection />
        <section className="settings-section" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Open invitations</h2>
          {invitations.data === null || invitations.data.invitations.length === 0 ? (
            <p className="placeholder">{invitations.error ?? 'No open invitations.'}</p>
          ) : (
            <ul className="stack" data-testid="open-invitations">
              {invitations.data.invitations.map((i) => (
                <li key={i.id} className="card" data-testid="open-invitation">
                  <span className="strong">{i.email}</span> <span className="muted">as {i.role}, until {formatDateTime(i.expiresAt)}</span>{' '}
                  <button
                    type="button"
                    className="button small"
                    disabled={withdraw.isPending && withdraw.variables.id === i.id}
                    onClick={() => withdraw.mutate(i)}
                  >
                    {withdraw.isPending && withdraw.variables.id === i.id ? 'Withdrawing…' : 'Withdraw'}
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

function InviteSection() {
  const form = useForm<InviteForm>({ resolver: inviteResolver, defaultValues: { email: '', role: 'agent' } });
  const errors = form.formState.errors;
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [copied, setCopied] = useState<boolean | 'failed'>(false);
  const invite = useFormMutation(form, inviteFieldOf, {
    request: (body: InvitationBody) => ({ method: 'POST', path: INVITATIONS_PATH, body }),
    invalidate: () => [INVITATIONS_PATH],
    onMutate: () => setCopied(false),
    onSuccess: (created: CreatedInvitation) => {
      setLink({ email: created.invitation.email, url: `${window.location.origin}${created.path}` });
      form.reset({ email: '', role: form.getValues('role') });
    },
  });
  const submit = form.handleSubmit((values) => invite.send(inviteToBody(values)));

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form className="card form" onSubmit={(e) => void submit(e)} data-testid="invite-form" noValidate>
        <div className="field-row">
          <Field label="Email" error={errors.email?.message} errorTestId="invite-email-error">
            {(input) => <input {...input} type="email" autoComplete="off" {...form.register('email')} data-testid="invite-email" />}
          </Field>
          <Field label="Role" error={errors.role?.message}>
            {(input) => (
              <select {...input} {...form.register('role')} data-testid="invite-role">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <FormFailure
          messages={[errors.root?.message, invite.failure, copied === 'failed' ? 'Could not copy: select the link and copy it yourself.' : null]}
          testId="invite-error"
        />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={invite.pending} data-testid="invite-submit">
            {invite.pending ? 'Creating link…' : 'Create invitation link'}
          </button>
        </div>
        {link !== null && (
          <div className="field" data-testid="invite-link-box">
            <label htmlFor="invite-link">
              Send this link to {link.email}. It is shown only now and works once, for 7 days.
            </label>
            <input id="invite-link" type="text" readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="invite-link" />
            <button type="button" className="button small" onClick={() => void copy()}>
              {copied === true ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
