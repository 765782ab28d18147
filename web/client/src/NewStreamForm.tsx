import { useId, useState, type FormEvent } from 'react';
import type { BrandDto, NewStreamBody, PlatformDto, StreamDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { JsonEditor } from './JsonEditor.tsx';
import { parseBudget, parseJson, parsePollSeconds, prettyJson } from './stream-form.ts';
import { followLink } from './use-route.ts';

const NEW_BRAND = '__new__';

interface Props {
  brands: BrandDto[];
  platforms: PlatformDto[];
  onCreated(stream: StreamDto): void;
  onBrandCreated(brand: BrandDto): void;
  onCancel(): void;
}

/**
 * A new stream. The query is JSON in the platform's own shape, started from the example
 * the server gives for it, so new platforms and query fields need no change here.
 */
export function NewStreamForm({ brands, platforms, onCreated, onBrandCreated, onCancel }: Props) {
  const firstPlatform = platforms[0];
  const [brandId, setBrandId] = useState(brands[0]?.id ?? NEW_BRAND);
  const [newBrand, setNewBrand] = useState('');
  const [platform, setPlatform] = useState(firstPlatform?.platform ?? '');
  const [name, setName] = useState('');
  const [query, setQuery] = useState(prettyJson(firstPlatform?.queryExample));
  const [poll, setPoll] = useState('');
  const [budget, setBudget] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { brand: useId(), newBrand: useId(), platform: useId(), name: useId(), poll: useId(), budget: useId() };

  const chosen = platforms.find((p) => p.platform === platform);
  const example = prettyJson(chosen?.queryExample);

  const choosePlatform = (next: string) => {
    // An untouched query follows the platform; an edited one is the user's work, kept.
    if (query === example || query.trim() === '') {
      setQuery(prettyJson(platforms.find((p) => p.platform === next)?.queryExample));
    }
    setPlatform(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsedQuery = parseJson(query);
    if (!parsedQuery.ok) return setError(parsedQuery.message);
    const parsedPoll = parsePollSeconds(poll);
    if (!parsedPoll.ok) return setError(parsedPoll.message);
    const parsedBudget = parseBudget(budget);
    if (!parsedBudget.ok) return setError(parsedBudget.message);
    setSaving(true);
    setError(null);
    try {
      let forBrand = brandId;
      if (forBrand === NEW_BRAND) {
        const { brand } = await api<{ brand: BrandDto }>('POST', '/api/brands', { body: { name: newBrand } });
        // From here on the brand exists: a retry after a stream error must not add it twice.
        setBrandId(brand.id);
        setNewBrand('');
        onBrandCreated(brand);
        forBrand = brand.id;
      }
      const body: NewStreamBody = {
        brandId: forBrand,
        platform,
        name,
        query: parsedQuery.value,
        readBudgetMonthly: parsedBudget.value,
        ...(parsedPoll.value === undefined ? {} : { pollIntervalMs: parsedPoll.value }),
      };
      const { stream } = await api<{ stream: StreamDto }>('POST', '/api/streams', { body });
      onCreated(stream);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-stream-heading" data-testid="new-stream-form">
      <h2 id="new-stream-heading">New stream</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.brand}>Brand</label>
          <select id={ids.brand} value={brandId} onChange={(e) => setBrandId(e.target.value)}>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
            <option value={NEW_BRAND}>New brand…</option>
          </select>
        </div>
        {brandId === NEW_BRAND && (
          <div className="field">
            <label htmlFor={ids.newBrand}>New brand name</label>
            <input id={ids.newBrand} value={newBrand} onChange={(e) => setNewBrand(e.target.value)} maxLength={100} required />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.platform}>Platform</label>
          <select id={ids.platform} value={platform} onChange={(e) => choosePlatform(e.target.value)} required>
            {platforms.map((p) => (
              <option key={p.platform} value={p.platform}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen?.needsCredentials && (
        <p className="muted small">
          {chosen.label} streams use the credentials stored under{' '}
          <a href="/settings" onClick={(e) => followLink(e, '/settings')}>
            Settings → Connections
          </a>
          ; without them every poll fails.
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.name}>Stream name</label>
          <input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Mentions of Acme"
            maxLength={100}
            required
          />
        </div>
        <div className="field narrow">
          <label htmlFor={ids.poll}>Poll every (seconds)</label>
          <input id={ids.poll} inputMode="numeric" placeholder="default" value={poll} onChange={(e) => setPoll(e.target.value)} />
        </div>
        <div className="field narrow">
          <label htmlFor={ids.budget}>Monthly read budget</label>
          <input
            id={ids.budget}
            inputMode="numeric"
            placeholder="no limit"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
      </div>
      <JsonEditor
        label="Query (JSON)"
        value={query}
        onChange={setQuery}
        hint={`The fields ${chosen?.label ?? 'this platform'} understands, pre-filled with an example. The server checks it when you create the stream.`}
        testId="new-stream-query"
        action={
          query !== example && (
            <button type="button" className="button link small" onClick={() => setQuery(example)}>
              Reset to the example
            </button>
          )
        }
      />
      {error !== null && (
        <p className="alert" role="alert" data-testid="new-stream-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving || !parseJson(query).ok || platform === ''}>
          {saving ? 'Creating…' : 'Create stream'}
        </button>
      </div>
    </form>
  );
}
