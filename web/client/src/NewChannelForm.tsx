import { useId, useState, type FormEvent } from 'react';
import type { BrandDto } from '../../src/api/contract.ts';
import type { ChannelDto, NewChannelBody } from '../../src/api/channels-contract.ts';
import { api, errorMessage } from './api.ts';

interface Props {
  brands: BrandDto[];
  onCreated(channel: ChannelDto, signingSecret: string | null): void;
}

/** A new email list or webhook. The server validates; its message is shown as it is. */
export function NewChannelForm({ brands, onCreated }: Props) {
  const id = useId();
  const [kind, setKind] = useState<'email' | 'webhook'>('webhook');
  const [name, setName] = useState('');
  const [brandId, setBrandId] = useState('');
  const [recipients, setRecipients] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'slack' | 'json'>('slack');
  const [minSeverity, setMinSeverity] = useState<'low' | 'high'>('low');
  const [quiet, setQuiet] = useState({
    on: false,
    start: '22:00',
    end: '07:00',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const common = {
      name,
      brandId: brandId === '' ? null : brandId,
      minSeverity,
      quietHours: quiet.on
        ? { start: quiet.start, end: quiet.end, timeZone: quiet.timeZone }
        : null,
    };
    const body: NewChannelBody =
      kind === 'email'
        ? { ...common, kind, config: { recipients: recipients.split(/[\s,;]+/).filter(Boolean) } }
        : { ...common, kind, config: { url, format } };
    try {
      const created = await api<{ channel: ChannelDto; signingSecret?: string }>(
        'POST',
        '/api/notification-channels',
        { body },
      );
      setName('');
      setRecipients('');
      setUrl('');
      onCreated(created.channel, created.signingSecret ?? null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      aria-label="New notification channel"
      data-testid="new-channel"
    >
      <h3>New channel</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'email' | 'webhook')}
          >
            <option value="webhook">Webhook</option>
            <option value="email">Email</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-brand`}>Brand</label>
          <select id={`${id}-brand`} value={brandId} onChange={(e) => setBrandId(e.target.value)}>
            <option value="">Every brand</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-severity`}>Severity</label>
          <select
            id={`${id}-severity`}
            value={minSeverity}
            onChange={(e) => setMinSeverity(e.target.value as 'low' | 'high')}
          >
            <option value="low">All</option>
            <option value="high">High only</option>
          </select>
        </div>
      </div>
      {kind === 'email' ? (
        <div className="field wide">
          <label htmlFor={`${id}-recipients`}>Recipients (comma separated)</label>
          <input
            id={`${id}-recipients`}
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            required
          />
        </div>
      ) : (
        <div className="field-row">
          <div className="field wide">
            <label htmlFor={`${id}-url`}>Webhook URL</label>
            <input
              id={`${id}-url`}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              spellCheck={false}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-format`}>Body</label>
            <select
              id={`${id}-format`}
              value={format}
              onChange={(e) => setFormat(e.target.value as 'slack' | 'json')}
            >
              <option value="slack">Slack-compatible</option>
              <option value="json">Earshot JSON</option>
            </select>
          </div>
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={quiet.on}
              onChange={(e) => setQuiet({ ...quiet, on: e.target.checked })}
            />{' '}
            Quiet hours
          </label>
        </div>
        {quiet.on && (
          <>
            <div className="field">
              <label htmlFor={`${id}-quiet-start`}>From</label>
              <input
                id={`${id}-quiet-start`}
                type="time"
                value={quiet.start}
                onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-quiet-end`}>To</label>
              <input
                id={`${id}-quiet-end`}
                type="time"
                value={quiet.end}
                onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-quiet-zone`}>Time zone</label>
              <input
                id={`${id}-quiet-zone`}
                value={quiet.timeZone}
                onChange={(e) => setQuiet({ ...quiet, timeZone: e.target.value })}
                required
              />
            </div>
          </>
        )}
      </div>
      {error !== null && (
        <p className="alert" role="alert" data-testid="new-channel-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
