import { useState } from 'react';
import type { BrandDto, UserDto } from '../../src/api/contract.ts';
import type { AlertDeliveryDto, AlertDetailDto, AlertHistoryPage, AlertRuleDto } from '../../src/api/alerts-contract.ts';
import { METRIC_LABELS } from '../../src/api/alert-rule-presets.ts';
import { roleAtLeast } from '../../src/api/roles.ts';
import { describeDetails } from './alert-details.ts';
import { AlertRuleEditor } from './AlertRuleEditor.tsx';
import { alertRulesPath } from './alert-rule-form.ts';
import { useApiMutation } from './hooks/use-api-mutation.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime, timeAgo } from './format.ts';
import { streamPath, followLink } from './use-route.ts';
import { useNow } from './use-now.ts';
import { useResource } from './use-resource.ts';
import { useRefreshAfter } from './live-queries.ts';
import { alertsPath, type AlertsView } from './alerts-url.ts';
import { cx } from './class-names.ts';
import styles from './AlertsPage.module.css';

interface Props {
  user: UserDto;
  brands: BrandDto[];
  /** The address's brand, open alert and history filters (alerts-url.ts); undefined is the default. */
  view: AlertsView;
  /** Shows another view (a new history entry, so Back returns to this one). */
  onView(next: AlertsView): void;
}

export function AlertsPage({ user, brands, view, onView }: Props) {
  const alertId = view.alert ?? null;
  const status = view.status ?? '';
  const ruleId = view.ruleId ?? '';
  const from = view.from ?? '';
  const to = view.to ?? '';
  const selected = useResource<{ alert: AlertDetailDto; deliveries: AlertDeliveryDto[] }>(alertId ? `/api/alerts/${encodeURIComponent(alertId)}` : null);
  const brandId = view.brandId ?? selected.data?.alert.brandId ?? brands[0]?.id ?? '';
  // The brand shown stays when a filter changes or the alert closes; the first brand, the
  // default, is left out of the address unless it was named there.
  const set = (change: AlertsView) =>
    onView({ ...view, brandId: view.brandId ?? (brandId !== '' && brandId !== brands[0]?.id ? brandId : undefined), ...change });

  const rules = useResource<{ rules: AlertRuleDto[] }>(brandId ? alertRulesPath(brandId) : null);
  const openAlerts = useResource<AlertHistoryPage>(brandId ? `/api/brands/${brandId}/alerts?status=open&limit=50` : null);
  const historyQuery = new URLSearchParams({ limit: '25' });
  if (status) historyQuery.set('status', status);
  if (ruleId) historyQuery.set('ruleId', ruleId);
  if (from) historyQuery.set('from', new Date(from).toISOString());
  if (to) historyQuery.set('to', new Date(to).toISOString());
  const historyPath = brandId ? `/api/brands/${brandId}/alerts?${historyQuery.toString()}` : null;
  const history = useResource<AlertHistoryPage>(historyPath);
  const [more, setMore] = useState<{ path: string | null; alerts: AlertDetailDto[]; next: string | null; loading: boolean; error: string | null }>({
    path: null,
    alerts: [],
    next: null,
    loading: false,
    error: null,
  });
  const extra = more.path === historyPath ? more : { alerts: [], next: null, loading: false, error: null };

  // Other users' and the worker's changes come as alerts.changed (live-queries.ts); this user's at once.
  const refreshAfter = useRefreshAfter();
  const reloadAll = () => refreshAfter({ type: 'alerts.changed' });

  const loadMore = async () => {
    const after = extra.next ?? history.data?.next;
    if (!after || historyPath === null) return;
    setMore({ ...extra, path: historyPath, loading: true, error: null });
    try {
      const page = await api<AlertHistoryPage>('GET', `${historyPath}&after=${encodeURIComponent(after)}`);
      setMore({ path: historyPath, alerts: [...extra.alerts, ...page.alerts], next: page.next, loading: false, error: null });
    } catch (e) {
      setMore({ ...extra, path: historyPath, loading: false, error: errorMessage(e) });
    }
  };

  const canAct = roleAtLeast(user.role, 'agent');
  const canManage = roleAtLeast(user.role, 'manager');
  const [editing, setEditing] = useState<AlertRuleDto | 'new' | null>(null);
  const ruleList = rules.data?.rules ?? [];
  const historyAlerts = [...(history.data?.alerts ?? []), ...extra.alerts];
  const hasMore = (extra.next ?? (extra.alerts.length === 0 ? history.data?.next : null)) != null;

  return (
    <main className="page alerts-page" data-testid="alerts-page">
      <div className="page-inner">
        <div className="page-top">
          <div>
            <h1>Alerts</h1>
            <p className="muted">Storms as they happen, why each alert was raised, and what the team did about it.</p>
          </div>
          <label className="brand-filter">
            <span className="visually-hidden">Brand</span>
            <select value={brandId} onChange={(e) => onView({ brandId: e.target.value })} data-testid="alerts-brand" disabled={brands.length === 0}>
              {brands.length === 0 && <option value="">No brands yet</option>}
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
        </div>

        {alertId !== null && (
          <section aria-label="Selected alert" className="stack">
            {selected.loading && <p className="placeholder" role="status">Loading the alert…</p>}
            {selected.error !== null && (
              <p className="alert" role="alert">
                {selected.error}
              </p>
            )}
            {selected.data && (
              <AlertCard
                alert={selected.data.alert}
                deliveries={selected.data.deliveries}
                canAct={canAct}
                selected
                onChanged={reloadAll}
                onClose={() => set({ alert: undefined })}
              />
            )}
          </section>
        )}

        <section aria-labelledby="open-alerts-title" className={cx('stack', styles.alertsSection)}>
          <h2 id="open-alerts-title">Open now</h2>
          {openAlerts.loading && <p className="placeholder" role="status">Loading open alerts…</p>}
          {openAlerts.error !== null && (
            <p className="alert" role="alert">
              Could not load the open alerts: {openAlerts.error}{' '}
              <button type="button" className="button" onClick={openAlerts.reload}>
                Try again
              </button>
            </p>
          )}
          {openAlerts.data && openAlerts.data.alerts.length === 0 && (
            <p className="placeholder" data-testid="no-open-alerts">
              No open alerts. When a storm starts, it appears here within a minute, with why it was raised.
            </p>
          )}
          {openAlerts.data && openAlerts.data.alerts.length > 0 && openAlerts.data.alerts.every((a) => a.id === alertId) && (
            <p className="muted small">The alert above is the only one open.</p>
          )}
          <ul className={styles.alertCards} data-testid="open-alerts">
            {openAlerts.data?.alerts
              .filter((a) => a.id !== alertId)
              .map((a) => (
                <li key={a.id}>
                  <AlertCard alert={a} canAct={canAct} onChanged={reloadAll} onOpen={() => set({ alert: a.id })} />
                </li>
              ))}
          </ul>
        </section>

        <section aria-labelledby="history-title" className={cx('stack', styles.alertsSection)}>
          <h2 id="history-title">History</h2>
          <form className={styles.historyFilters} onSubmit={(e) => e.preventDefault()} data-testid="history-filters">
            <label>
              <span>Status</span>
              <select value={status} onChange={(e) => set({ status: e.target.value === 'open' || e.target.value === 'closed' ? e.target.value : undefined })} data-testid="history-status">
                <option value="">Open and closed</option>
                <option value="open">Open</option>
                <option value="closed">Closed</option>
              </select>
            </label>
            <label>
              <span>Rule</span>
              <select value={ruleId} onChange={(e) => set({ ruleId: e.target.value || undefined })} data-testid="history-rule">
                <option value="">Every rule</option>
                {ruleList.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>From</span>
              <input type="datetime-local" value={from} onChange={(e) => set({ from: e.target.value || undefined })} data-testid="history-from" />
            </label>
            <label>
              <span>To</span>
              <input type="datetime-local" value={to} onChange={(e) => set({ to: e.target.value || undefined })} data-testid="history-to" />
            </label>
          </form>
          {history.loading && <p className="placeholder" role="status">Loading the history…</p>}
          {history.error !== null && (
            <p className="alert" role="alert">
              Could not load the history: {history.error}
            </p>
          )}
          {history.data && historyAlerts.length === 0 && (
            <p className="placeholder" data-testid="no-history">
              No alerts {status || ruleId || from || to ? 'match these filters' : 'yet for this brand'}.
            </p>
          )}
          <ul className={styles.historyList} data-testid="alert-history">
            {historyAlerts.map((a) => (
              <HistoryRow key={a.id} alert={a} onOpen={() => set({ alert: a.id })} />
            ))}
          </ul>
          {extra.error !== null && (
            <p className="alert" role="alert">
              {extra.error}
            </p>
          )}
          {hasMore && (
            <button type="button" className="button load-more" onClick={() => void loadMore()} disabled={extra.loading} data-testid="history-more">
              {extra.loading ? 'Loading…' : 'Older alerts'}
            </button>
          )}
        </section>

        <section aria-labelledby="rules-title" className={cx('stack', styles.alertsSection)} data-testid="alert-rules">
          <div className={styles.sectionHead}>
            <h2 id="rules-title">Rules</h2>
            {canManage && editing === null && brandId !== '' && (
              <button type="button" className="button" onClick={() => setEditing('new')} data-testid="rule-new">
                New rule
              </button>
            )}
          </div>
          {!canManage && <p className="muted small">Managers change rules; here is what each one watches.</p>}
          {rules.loading && <p className="placeholder" role="status">Loading rules…</p>}
          {rules.error !== null && (
            <p className="alert" role="alert">
              {rules.error}
            </p>
          )}
          {editing === 'new' && (
            <AlertRuleEditor
              brandId={brandId}
              rule={null}
              onCancel={() => setEditing(null)}
              onSaved={() => setEditing(null)}
            />
          )}
          <ul className={styles.ruleList}>
            {ruleList.map((r) =>
              editing !== null && editing !== 'new' && editing.id === r.id ? (
                <li key={r.id}>
                  <AlertRuleEditor
                    brandId={brandId}
                    rule={r}
                    onCancel={() => setEditing(null)}
                    onSaved={() => setEditing(null)}
                  />
                </li>
              ) : (
                <li key={r.id} className={cx('card', styles.ruleRow)} data-testid="rule" data-rule-id={r.id}>
                  <div>
                    <strong>{r.name}</strong> {!r.enabled && <span className="badge">Disabled</span>} {r.isDefault && <span className="badge">Default</span>}
                    <p className="muted small" data-testid="rule-summary">
                      {METRIC_LABELS[r.rule.metric ?? 'negative']} · window {r.rule.windowMinutes ?? 60} min · {r.rule.sensitivity ?? 'balanced'}
                      {r.rule.minCount !== undefined ? ` · min ${r.rule.minCount}` : ''}
                      {r.rule.percentAbove !== undefined ? ` · +${r.rule.percentAbove}%` : ''}
                      {r.rule.deviations !== undefined ? ` · ${r.rule.deviations}σ` : ''} · cooldown {r.rule.cooldownMinutes ?? 60} min
                      {Object.keys(r.falseAlarmHours).length > 0 ? ` · stricter in ${Object.keys(r.falseAlarmHours).length} h of the week after false alarms` : ''}
                    </p>
                  </div>
                  {canManage && (
                    <button type="button" className="button" onClick={() => setEditing(r)} data-testid="rule-edit">
                      Edit
                    </button>
                  )}
                </li>
              ),
            )}
          </ul>
        </section>
      </div>
    </main>
  );
}

const OUTCOME_WORDS = { resolved: 'Resolved', false_alarm: 'False alarm' } as const;

function HistoryRow({ alert, onOpen }: { alert: AlertDetailDto; onOpen(): void }) {
  return (
    <li className={styles.historyRow} data-testid="history-alert" data-alert-id={alert.id}>
      <span className={cx('badge', alert.status === 'open' && styles.statusOpen)}>{alert.status === 'open' ? 'Open' : 'Closed'}</span>
      {alert.outcome !== null && (
        <span className={cx('badge', alert.outcome === 'false_alarm' && styles.falseAlarm)} data-testid="history-outcome">
          {OUTCOME_WORDS[alert.outcome]}
        </span>
      )}
      <a href={alertsPath({ brandId: alert.brandId ?? undefined, alert: alert.id })} onClick={(e) => { e.preventDefault(); onOpen(); }} className={styles.historyMessage}>
        {alert.message}
      </a>
      <time className="muted small" dateTime={alert.createdAt}>
        {formatDateTime(alert.createdAt)}
      </time>
    </li>
  );
}

type Action = 'acknowledge' | 'resolve' | 'false-alarm';

function AlertCard({
  alert,
  deliveries,
  canAct,
  selected,
  onChanged,
  onOpen,
  onClose,
}: {
  alert: AlertDetailDto;
  deliveries?: AlertDeliveryDto[];
  canAct: boolean;
  selected?: boolean;
  onChanged(): void;
  onOpen?(): void;
  onClose?(): void;
}) {
  const now = useNow(30_000);
  const { figures, lists } = describeDetails(alert.details);
  // Other dashboards hear of it as alerts.changed; this one re-reads at once (onChanged).
  const action = useApiMutation<Action, { alert: AlertDetailDto }>({
    request: (a) => ({ method: 'POST', path: `/api/alerts/${encodeURIComponent(alert.id)}/${a}`, body: {} }),
    onSuccess: () => onChanged(),
  });
  const busy = action.isPending ? action.variables : null;
  const error = action.error === null ? null : errorMessage(action.error);
  const act = (a: Action) => action.mutate(a);
  const handled = alert.outcome !== null;
  return (
    <article className={cx('card', styles.alertCard, selected && styles.selected)} data-testid={selected ? 'selected-alert' : 'alert-card'} data-alert-id={alert.id} aria-busy={busy !== null}>
      <div className={styles.alertCardHead}>
        <span className={cx('badge', alert.status === 'open' && styles.statusOpen)}>{alert.status === 'open' ? 'Open' : 'Closed'}</span>
        {alert.ruleName !== null && <strong>{alert.ruleName}</strong>}
        <time className="muted small" dateTime={alert.createdAt} title={formatDateTime(alert.createdAt)}>
          raised {timeAgo(alert.createdAt, now)}
        </time>
        {onOpen && (
          <a href={alertsPath({ brandId: alert.brandId ?? undefined, alert: alert.id })} onClick={(e) => { e.preventDefault(); onOpen(); }} className="small" data-testid="alert-open">
            Details
          </a>
        )}
        {onClose && (
          <button type="button" className="button small" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      <p className={styles.alertExplanation} data-testid="alert-explanation">
        {alert.message}
      </p>
      {(figures.length > 0 || alert.peak !== null) && (
        <dl className={styles.alertFigures} data-testid="alert-figures">
          {figures.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
          {alert.peak !== null && (
            <div>
              <dt>Busiest minute</dt>
              <dd>{alert.peak}</dd>
            </div>
          )}
          {alert.total !== null && (
            <div>
              <dt>Mentions so far</dt>
              <dd>{alert.total}</dd>
            </div>
          )}
        </dl>
      )}
      {selected &&
        lists.map((l) => (
          <div key={l.label} className={styles.alertList} data-testid="alert-detail-list">
            <h4>{l.label}</h4>
            <ul>
              {l.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          </div>
        ))}
      {alert.streamId !== null && (
        <p>
          <a href={streamPath(alert.streamId)} onClick={(e) => followLink(e, streamPath(alert.streamId!))}>
            View stream
          </a>
        </p>
      )}
      <p className={cx(styles.alertState, 'muted small')} data-testid="alert-state">
        {alert.acknowledgedAt !== null && <>Acknowledged by {alert.acknowledgedBy ?? 'a former user'} {timeAgo(alert.acknowledgedAt, now)}. </>}
        {alert.outcome !== null && alert.handledAt !== null && (
          <>
            {OUTCOME_WORDS[alert.outcome]}: marked by {alert.handledBy ?? 'a former user'} {timeAgo(alert.handledAt, now)}
            {alert.outcome === 'false_alarm' ? ' — this rule is now stricter at these hours of the week.' : '.'}
          </>
        )}
        {alert.acknowledgedAt === null && alert.outcome === null && alert.status === 'open' && 'Nobody has acknowledged it yet.'}
      </p>
      {canAct && (
        <div className={styles.alertActions}>
          <button type="button" className="button" disabled={busy !== null || alert.acknowledgedAt !== null || handled} onClick={() => act('acknowledge')} data-testid="alert-acknowledge">
            {busy === 'acknowledge' ? 'Acknowledging…' : alert.acknowledgedAt !== null ? 'Acknowledged' : 'Acknowledge'}
          </button>
          <button type="button" className="button" disabled={busy !== null || handled} onClick={() => act('resolve')} data-testid="alert-resolve">
            {busy === 'resolve' ? 'Resolving…' : alert.outcome === 'resolved' ? 'Resolved' : 'Resolve'}
          </button>
          {alert.ruleId !== null && (
            <button type="button" className="button" disabled={busy !== null || alert.outcome === 'false_alarm'} onClick={() => act('false-alarm')} data-testid="alert-false-alarm">
              {busy === 'false-alarm' ? 'Marking…' : alert.outcome === 'false_alarm' ? 'Marked false alarm' : 'False alarm'}
            </button>
          )}
        </div>
      )}
      {error !== null && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {deliveries !== undefined && (
        <div className={styles.alertList} data-testid="alert-deliveries">
          <h4>Delivered to</h4>
          {deliveries.length === 0 ? (
            <p className="muted small">No notification channel received this alert (set channels up in Settings).</p>
          ) : (
            <ul>
              {deliveries.map((d) => (
                <li key={d.id}>
                  {d.channelName} ({d.channelKind}): {d.state}
                  {d.attempts > 1 ? `, ${d.attempts} attempts` : ''}
                  {d.deliveredAt ? `, ${formatDateTime(d.deliveredAt)}` : ''}
                  {d.lastError ? ` — ${d.lastError}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}
