import { useState, type FormEvent } from 'react';
import type { ApiTokenBody, ApiTokenDto, BrandDto, UserDto } from '../../src/api/contract.ts';
import { ROLES, roleAtLeast } from '../../src/api/roles.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { useResource } from './use-resource.ts';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import { TokenBrandsField } from './TokenBrandsField.tsx';

type Role = UserDto['role'];

/** Your own account: API tokens for integrations, and signing out everywhere. */
export function AccountPage({ me, onSignedOutEverywhere }: { me: UserDto; onSignedOutEverywhere(): void }) {
  const tokens = useResource<{ tokens: ApiTokenDto[] }>('/api/tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(me.role === 'admin' ? 'viewer' : me.role);
  const [days, setDays] = useState('');
  const [brandIds, setBrandIds] = useState<string[]>([]);
  const brands = useResource<{ brands: BrandDto[] }>('/api/brands').data?.brands ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: ApiTokenBody = { name: name.trim(), role, ...(days.trim() !== '' ? { expiresInDays: Number(days) } : {}), ...(brandIds.length > 0 ? { brandIds } : {}) };
      const created = await api<{ apiToken: ApiTokenDto; token: string }>('POST', '/api/tokens', { body });
      setShown({ name: created.apiToken.name, token: created.token });
      setName('');
      tokens.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };

  const revoke = async (token: ApiTokenDto) => {
    await api('DELETE', `/api/tokens/${token.id}`).catch(() => undefined);
    tokens.reload();
  };

  const signOutEverywhere = async () => {
    await api('DELETE', '/api/sessions').catch(() => undefined);
    onSignedOutEverywhere();
  };

  return (
    <main className="page" aria-labelledby="account-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="account-heading">Your account</h1>
        </div>
        <section className="settings-section" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          <p className="muted small">
            For integrations: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with its role
            or yours, whichever is lower. It is shown once and stored only as a hash; revoke it when it is no longer used.
          </p>
          {tokens.data === null || tokens.data.tokens.length === 0 ? (
            <p className="placeholder">{tokens.error ?? 'No API tokens.'}</p>
          ) : (
            <div className="card table-card">
              <table className="data-table" data-testid="tokens-table">
                <caption className="visually-hidden">Your API tokens</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.tokens.map((t) => (
                    <tr key={t.id} data-testid="token-row">
                      <th scope="row">
                        <bdi>{t.name}</bdi>
                      </th>
                      <td>{t.role}</td>
                      <td>{formatDateTime(t.createdAt)}</td>
                      <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                      <td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'never'}</td>
                      <td>
                        <button type="button" className="button small danger" onClick={() => void revoke(t)}>
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form className="card form" onSubmit={(e) => void submit(e)} data-testid="token-form">
            <div className="field-row">
              <div className="field">
                <label htmlFor="token-name">Name (what uses it)</label>
                <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="token-role">Role</label>
                <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {ROLES.filter((r) => roleAtLeast(me.role, r)).map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field narrow">
                <label htmlFor="token-days">Expires after (days)</label>
                <input id="token-days" type="number" min={1} max={3650} placeholder="never" value={days} onChange={(e) => setDays(e.target.value)} />
              </div>
            </div>
            <TokenBrandsField brands={brands} value={brandIds} onChange={setBrandIds} />
            {error !== null && (
              <p className="alert" role="alert">
                {error}
              </p>
            )}
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? 'Creating…' : 'Create token'}
              </button>
            </div>
            {shown !== null && (
              <div className="field" data-testid="new-token">
                <label htmlFor="new-token">Copy the token “{shown.name}” now: it is not shown again.</label>
                <input id="new-token" type="text" readOnly value={shown.token} onFocus={(e) => e.target.select()} />
              </div>
            )}
          </form>
        </section>
        <TwoFactorSection />
        <section className="settings-section" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Sessions</h2>
          <p className="muted small">Ends every session of yours, on every device, this one included. API tokens stay valid.</p>
          <button type="button" className="button" onClick={() => void signOutEverywhere()} data-testid="sign-out-everywhere">
            Sign out everywhere
          </button>
        </section>
      </div>
    </main>
  );
}
