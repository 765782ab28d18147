import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { ApiTokenBody, ApiTokenDto, BrandDto, UserDto } from '../../src/api/contract.ts';
import { ROLES, roleAtLeast } from '../../src/api/roles.ts';
import { TOKENS_PATH, tokenFieldOf, tokenResolver, tokenToBody, type TokenForm } from './account-forms.ts';
import { formatDateTime } from './format.ts';
import { Field, FormFailure } from './FormField.tsx';
import { cachePut, useApiMutation, withItem } from './hooks/use-api-mutation.ts';
import { useFormMutation } from './hooks/use-form-mutation.ts';
import { useResource } from './use-resource.ts';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import { TokenBrandsField } from './TokenBrandsField.tsx';

/** Your own account: API tokens for integrations, and signing out everywhere. */
export function AccountPage({ me, onSignedOutEverywhere }: { me: UserDto; onSignedOutEverywhere(): void }) {
  const tokens = useResource<{ tokens: ApiTokenDto[] }>(TOKENS_PATH);
  const brands = useResource<{ brands: BrandDto[] }>('/api/brands').data?.brands ?? [];
  const form = useForm<TokenForm>({
    resolver: tokenResolver,
    defaultValues: { name: '', role: me.role === 'admin' ? 'viewer' : me.role, days: '', brandIds: [] },
  });
  const errors = form.formState.errors;
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const create = useFormMutation(form, tokenFieldOf, {
    request: (body: ApiTokenBody) => ({ method: 'POST', path: TOKENS_PATH, body }),
    // The list's order is the server's: read it again rather than guess where the new one goes.
    invalidate: () => [TOKENS_PATH],
    onSuccess: (created: { apiToken: ApiTokenDto; token: string }) => {
      setShown({ name: created.apiToken.name, token: created.token });
      form.reset({ ...form.getValues(), name: '' });
    },
  });
  const submit = form.handleSubmit((values) => create.send(tokenToBody(values)));

  // Revoked, or already gone: either way it is off the list, which is read again if it failed.
  const revoke = useApiMutation<ApiTokenDto>({
    request: (token) => ({ method: 'DELETE', path: `${TOKENS_PATH}/${token.id}` }),
    put: (_answer, token) => [cachePut<{ tokens: ApiTokenDto[] }>(TOKENS_PATH, (old) => ({ tokens: withItem(old?.tokens, token.id, null) }))],
    onError: () => tokens.reload(),
  });
  // Whatever the answer, this session is treated as ended: the next request finds out.
  const signOutEverywhere = useApiMutation({
    request: () => ({ method: 'DELETE', path: '/api/sessions' }),
    onSuccess: onSignedOutEverywhere,
    onError: onSignedOutEverywhere,
  });

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
                        <button
                          type="button"
                          className="button small danger"
                          disabled={revoke.isPending && revoke.variables.id === t.id}
                          onClick={() => revoke.mutate(t)}
                        >
                          {revoke.isPending && revoke.variables.id === t.id ? 'Revoking…' : 'Revoke'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form className="card form" onSubmit={(e) => void submit(e)} data-testid="token-form" noValidate>
            <div className="field-row">
              <Field label="Name (what uses it)" error={errors.name?.message} errorTestId="token-name-error">
                {(input) => <input {...input} maxLength={100} {...form.register('name')} />}
              </Field>
              <Field label="Role" error={errors.role?.message}>
                {(input) => (
                  <select {...input} {...form.register('role')}>
                    {ROLES.filter((r) => roleAtLeast(me.role, r)).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field className="field narrow" label="Expires after (days)" error={errors.days?.message} errorTestId="token-days-error">
                {(input) => <input {...input} type="number" min={1} max={3650} placeholder="never" {...form.register('days')} />}
              </Field>
            </div>
            <Controller
              control={form.control}
              name="brandIds"
              render={({ field }) => <TokenBrandsField brands={brands} value={field.value} onChange={field.onChange} error={errors.brandIds?.message} />}
            />
            <FormFailure messages={[errors.root?.message, create.failure]} testId="token-error" />
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={create.pending}>
                {create.pending ? 'Creating…' : 'Create token'}
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
          <button
            type="button"
            className="button"
            disabled={signOutEverywhere.isPending}
            onClick={() => signOutEverywhere.mutate()}
            data-testid="sign-out-everywhere"
          >
            {signOutEverywhere.isPending ? 'Signing out…' : 'Sign out everywhere'}
          </button>
        </section>
      </div>
    </main>
  );
}
