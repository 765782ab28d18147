import { useId, useState, type FormEvent } from 'react';
import type { ConnectionBody, ConnectionDto, PlatformDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';

interface Props {
  platform: PlatformDto;
  connection: ConnectionDto | null;
  onChanged(connection: ConnectionDto | null): void;
}

/**
 * Credentials for one platform. Write-only: the API never returns a value, so the form
 * shows only whether they are set, which fields, and when; typed values are cleared once saved.
 */
export function ConnectionForm({ platform, connection, onChanged }: Props) {
  const empty = () => Object.fromEntries(platform.credentialFields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const [busy, setBusy] = useState<'saving' | 'removing' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const baseId = useId();
  const configured = connection?.configured ?? false;
  // In form order, and without the labels' explanations in brackets: a summary, not a form.
  const stored = new Set(connection?.fields ?? []);
  const storedLabels = [
    ...platform.credentialFields.filter((f) => stored.has(f.name)).map((f) => f.label.replace(/\s*\(.*\)\s*$/, '')),
    ...[...stored].filter((name) => !platform.credentialFields.some((f) => f.name === name)),
  ];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('saving');
    setError(null);
    setNotice(null);
    try {
      // Blank optional fields are left out rather than stored as empty strings.
      const credentials = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
      const body: ConnectionBody = { credentials };
      const { connection: saved } = await api<{ connection: ConnectionDto }>(
        'PUT',
        `/api/connections/${encodeURIComponent(platform.platform)}`,
        { body },
      );
      setValues(empty());
      setNotice('Saved.');
      onChanged(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('removing');
    setError(null);
    setNotice(null);
    try {
      await api('DELETE', `/api/connections/${encodeURIComponent(platform.platform)}`);
      setConfirmRemove(false);
      setNotice('Removed.');
      onChanged(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="card form connection"
      onSubmit={(e) => void save(e)}
      aria-labelledby={`${baseId}-title`}
      data-testid="connection"
      data-platform={platform.platform}
      data-configured={configured}
      autoComplete="off"
    >
      <div className="connection-head">
        <h3 id={`${baseId}-title`}>{platform.label}</h3>
        <span className={`badge ${configured ? 'health-ok' : 'health-pending'}`} data-testid="connection-status">
          {configured ? 'Configured' : 'Not configured'}
        </span>
      </div>
      <p className="muted small" data-testid="connection-summary">
        {configured ? (
          <>
            Stored: {storedLabels.join(', ') || 'no fields'}
            {connection?.updatedAt != null && <> · updated {formatDateTime(connection.updatedAt)}</>}. Values are
            never shown; to change them, enter all the fields again.
          </>
        ) : (
          <>No credentials stored. Streams on {platform.label} fail until they are.</>
        )}
      </p>
      <div className="field-grid">
        {platform.credentialFields.map((field) => {
          const id = `${baseId}-${field.name}`;
          return (
            <div className="field" key={field.name}>
              <label htmlFor={id}>
                {field.label}
                {field.optional && !/optional/i.test(field.label) && <span className="muted small"> (optional)</span>}
              </label>
              <input
                id={id}
                name={field.name}
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                spellCheck={false}
                value={values[field.name] ?? ''}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                required={!field.optional}
              />
            </div>
          );
        })}
      </div>
      {error !== null && (
        <p className="alert" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {notice !== null && (
          <span className="saved" role="status" data-testid="connection-notice">
            {notice}
          </span>
        )}
        {configured &&
          (confirmRemove ? (
            <span className="confirm">
              <span className="small">Remove the stored credentials?</span>
              <button type="button" className="button small danger" onClick={() => void remove()} disabled={busy !== null}>
                {busy === 'removing' ? 'Removing…' : 'Yes, remove'}
              </button>
              <button type="button" className="button small" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmRemove(true)} data-testid="connection-remove">
              Remove
            </button>
          ))}
        <button type="submit" className="button primary" disabled={busy !== null}>
          {busy === 'saving' ? 'Saving…' : configured ? 'Replace credentials' : 'Save credentials'}
        </button>
      </div>
    </form>
  );
}
