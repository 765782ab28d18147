import { useEffect, useState } from 'react';
import type { AuditEntryDto, AuditPage as AuditPageDto, BrandDto, TeamUserDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { useResource } from './use-resource.ts';
import styles from './AuditPage.module.css';

interface Filters {
  actorId: string;
  action: string;
  brandId: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actorId: '', action: '', brandId: '', from: '', to: '' };

/** The query string of the filters that are set (dates are whole UTC days, `to` included). */
function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== '') params.set(key, value);
  return params.toString();
}

/** A few words for an entry's details; the full JSON is in the row's title and the CSV. */
function summary(entry: AuditEntryDto): string {
  const d = entry.details;
  switch (entry.action) {
    case 'reply.sent':
      return String(d.text ?? '');
    case 'mention.corrected':
      return `${String(d.field)}: ${String(d.from)} → ${String(d.to)}`;
    case 'user.role_changed':
      return `${String(d.email)}: ${String(d.from)} → ${String(d.to)}`;
    case 'session.sign_in_failed':
      return String(d.reason ?? '');
    default:
      // Ids are in the What column and the CSV; the rest reads as "key: value".
      return Object.entries(d)
        .filter(([key]) => !key.endsWith('Id'))
        .map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
        .join(' · ');
  }
}

/** Admins: who did what, filtered, newest first, and the same as CSV. */
export function AuditPage({ brands }: { brands: BrandDto[] }) {
  const users = useResource<{ users: TeamUserDto[] }>('/api/users');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntryDto[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (from: string | null, replace: boolean, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    const query = queryOf(filters);
    try {
      const page = await api<AuditPageDto>('GET', `/api/audit?limit=100${query ? `&${query}` : ''}${from ? `&cursor=${from}` : ''}`, signal ? { signal } : {});
      setEntries((current) => (replace ? page.entries : [...current, ...page.entries]));
      setActions(page.actions);
      setCursor(page.nextCursor);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(errorMessage(e));
    }
    setLoading(false);
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(null, true, controller.signal);
    return () => controller.abort();
    // Reloads exactly when the applied filters change.
  }, [filters]);

  const brandName = new Map(brands.map((b) => [b.id, b.name]));
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const query = queryOf(filters);

  return (
    <main className="page" aria-labelledby="audit-heading">
      <div className="page-inner">
        <div className="page-top">
          <h1 id="audit-heading">Audit log</h1>
          <a className="button" href={`/api/audit.csv${query ? `?${query}` : ''}`} download data-testid="audit-export">
            Export CSV
          </a>
        </div>
        <p className="muted small">
          Who did what: sign-ins and failed sign-ins, replies (with their text), corrections, streams, brands, response
          targets, credentials (which fields, never their values) and users. Entries cannot be changed or deleted.
        </p>
        <form
          className="card form"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
          data-testid="audit-filters"
        >
          <div className="field-row">
            <div className="field">
              <label htmlFor="audit-actor">Who</label>
              <select id="audit-actor" value={draft.actorId} onChange={set('actorId')} data-testid="audit-actor">
                <option value="">Anyone</option>
                {(users.data?.users ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.email})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-action">Action</label>
              <select id="audit-action" value={draft.action} onChange={set('action')} data-testid="audit-action">
                <option value="">Any action</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-brand">Brand</label>
              <select id="audit-brand" value={draft.brandId} onChange={set('brandId')} data-testid="audit-brand">
                <option value="">Any brand</option>
                {brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-from">From (UTC day)</label>
              <input id="audit-from" type="date" value={draft.from} onChange={set('from')} data-testid="audit-from" />
            </div>
            <div className="field">
              <label htmlFor="audit-to">To (UTC day, included)</label>
              <input id="audit-to" type="date" value={draft.to} onChange={set('to')} data-testid="audit-to" />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" data-testid="audit-apply">
              Apply filters
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                setFilters(NO_FILTERS);
              }}
            >
              Clear
            </button>
          </div>
        </form>
        {error !== null && (
          <div className="alert" role="alert">
            <span>{error}</span>
            <button type="button" className="button small" onClick={() => void load(null, true)}>
              Try again
            </button>
          </div>
        )}
        {entries.length === 0 && !loading && error === null ? (
          <p className="placeholder">Nothing recorded matches these filters.</p>
        ) : (
          <div className="card table-card">
            <table className="data-table" data-testid="audit-table">
              <caption className="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">What</th>
                  <th scope="col">Brand</th>
                  <th scope="col">Details</th>
                  <th scope="col">Address</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                    <td className="small">{formatDateTime(e.at)}</td>
                    <td>
                      <bdi>{e.actor.label}</bdi>
                    </td>
                    <td>{e.action}</td>
                    <td className="muted small" title={e.target?.id}>
                      {e.target ? `${e.target.type} ${e.target.id.length > 12 ? `${e.target.id.slice(0, 8)}…` : e.target.id}` : ''}
                    </td>
                    <td>{e.brandId ? (brandName.get(e.brandId) ?? e.brandId) : ''}</td>
                    <td className={styles.auditDetails} title={JSON.stringify(e.details)}>
                      <bdi>{summary(e)}</bdi>
                    </td>
                    <td className="muted small">{e.clientAddress ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {loading && (
          <p className="placeholder" role="status">
            Loading…
          </p>
        )}
        {cursor !== null && !loading && (
          <button type="button" className="button load-more" onClick={() => void load(cursor, false)} data-testid="audit-more">
            Load older entries
          </button>
        )}
      </div>
    </main>
  );
}
