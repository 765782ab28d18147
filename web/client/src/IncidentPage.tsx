import { useEffect, useState } from 'react';
import type { UserDto } from '../../src/api/contract.ts';
import { cx } from './class-names.ts';
import styles from './IncidentPage.module.css';
import type { IncidentDetail, IncidentProgressDto } from '../../src/api/incidents-contract.ts';
import { roleAtLeast } from '../../src/api/roles.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';
import { PlatformTag } from './PlatformTag.tsx';
import { ReplyStateBadge } from './ReplyStateBadge.tsx';
import { useResource } from './use-resource.ts';
import { followLink, mentionPath } from './use-route.ts';

// While holding replies are on their way the counts move every second or two.
const PROGRESS_POLL_MS = 1_500;
const FACTORS = [
  { value: 0.5, label: 'Half the time' },
  { value: 0.25, label: 'A quarter of the time' },
  { value: 0.1, label: 'A tenth of the time' },
] as const;

interface Props {
  incidentId: string;
  user: UserDto;
}

/** One incident: its storm's grouped mentions, one holding reply to all of them, and its progress. */
export function IncidentPage({ incidentId, user }: Props) {
  const resource = useResource<IncidentDetail>(`/api/incidents/${encodeURIComponent(incidentId)}`);
  const { reload } = resource;
  const data = resource.data;
  const canReply = roleAtLeast(user.role, 'agent');
  const canManage = roleAtLeast(user.role, 'manager');
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [factor, setFactor] = useState<number>(0.5);

  const pending = data?.progress.pending ?? 0;
  useEffect(() => {
    if (pending === 0) return;
    const timer = setInterval(reload, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, reload]);


  const act = async (run: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await run());
      reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (resource.loading && data === null)
    return (
      <main className="page">
        <p className="placeholder" role="status">Loading the incident…</p>
      </main>
    );
  if (data === null)
    return (
      <main className="page">
        <p className="alert" role="alert">{resource.error ?? 'This incident could not be read.'}</p>
      </main>
    );

  const { incident, progress, mentions } = data;
  const open = incident.status === 'open';
  const draft = text ?? incident.holdingText ?? '';
  const firstSend = progress.sent + progress.pending + progress.failed === 0;
  const sendLabel = firstSend ? `Send to all ${progress.unsent}` : `Send to the ${progress.unsent} new`;
  const alertAction = (path: string, done: string) =>
    act(async () => {
      await api('POST', `/api/alerts/${encodeURIComponent(incident.alertId)}/${path}`);
      return done;
    });

  return (
    <main className={cx('page', styles.incidentPage)} data-testid="incident-page">
      <div className="page-inner stack">
        <div className="page-top">
          <div>
            <h1>
              Incident · {incident.brandName}{' '}
              <span className={`badge status-${incident.status}`} data-testid="incident-status">
                {open ? 'Open' : incident.outcome === 'false_alarm' ? 'False alarm' : 'Closed'}
              </span>
            </h1>
            <p data-testid="incident-message">{incident.message}</p>
            <p className="muted small">
              {incident.terms.length > 0
                ? `Grouped: mentions using ${incident.terms.map((t) => `“${t}”`).join(', ')}`
                : 'Grouped: every mention the alert counts'}
              {open ? ', and new ones as they arrive while it is open.' : '.'}
              {incident.startedAt && <> Started {formatDateTime(incident.startedAt)}.</>}
            </p>
          </div>
          {canReply && open && (
            <div className={styles.incidentActions}>
              {incident.acknowledgedAt === null && (
                <button type="button" className="button" disabled={busy} onClick={() => void alertAction('acknowledge', 'Acknowledged: the team knows someone is on it.')} data-testid="incident-ack">
                  Acknowledge
                </button>
              )}
              <button type="button" className="button" disabled={busy} onClick={() => void alertAction('resolve', 'Resolved. Deadlines are back to normal.')} data-testid="incident-resolve">
                Resolve
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => void alertAction('false-alarm', 'Marked a false alarm: this rule will be less sensitive at this hour.')} data-testid="incident-false-alarm">
                False alarm
              </button>
            </div>
          )}
        </div>

        {error !== null && <p className="alert" role="alert">{error}</p>}
        {notice !== null && <p className="notice" role="status" data-testid="incident-notice">{notice}</p>}

        <Progress progress={progress} />

        {canReply && (
          <section className="card stack" aria-labelledby="holding-title">
            <h2 id="holding-title">Holding reply</h2>
            <p className="muted small">
              Earshot posts it to each grouped mention as its own reply on its platform, once per mention, at the pace the platform allows.
              Mentions already answered are left out.
            </p>
            <textarea
              className="reply-text"
              rows={3}
              value={draft}
              onChange={(e) => setText(e.target.value)}
              placeholder="We know about the problem and are working on it. We'll update you here."
              aria-label="Holding reply"
              data-testid="holding-text"
            />
            <div>
              <button
                type="button"
                className="button primary"
                disabled={busy || progress.unsent === 0 || draft.trim() === ''}
                onClick={() =>
                  void act(async () => {
                    const r = await api<{ queued: number }>('POST', `/api/incidents/${encodeURIComponent(incident.id)}/holding-reply`, { body: { text: draft } });
                    return r.queued === 0 ? 'Every grouped mention already has the holding reply.' : `Queued for ${r.queued} ${r.queued === 1 ? 'mention' : 'mentions'}.`;
                  })
                }
                data-testid="holding-send"
              >
                {progress.unsent === 0 ? 'Everyone has it' : sendLabel}
              </button>
            </div>
          </section>
        )}

        <section className="card stack" aria-labelledby="deadlines-title" data-testid="incident-deadlines">
          <h2 id="deadlines-title">Deadlines</h2>
          <p data-testid="deadline-state">
            {incident.deadlineFactor === null
              ? 'New mentions of this brand get their normal deadlines.'
              : open
                ? `While this incident is open, new mentions of ${incident.brandName} get ${Math.round(incident.deadlineFactor * 100)}% of their normal response time${incident.deadlineSetBy ? ` (set by ${incident.deadlineSetBy})` : ''}. Resolving it gives their normal deadlines back.`
                : `Deadlines were shortened to ${Math.round(incident.deadlineFactor * 100)}% during this incident; they are back to normal.`}
          </p>
          {canManage && open && (
            <div className="row">
              <label>
                <span className="visually-hidden">Shorten to</span>
                <select value={factor} onChange={(e) => setFactor(Number(e.target.value))} data-testid="deadline-factor">
                  {FACTORS.map((f) => (
                    <option key={f.value} value={f.value}>{f.label}</option>
                  ))}
                </select>
              </label>{' '}
              <button type="button" className="button" disabled={busy} onClick={() => void act(async () => {
                await api('PUT', `/api/incidents/${encodeURIComponent(incident.id)}/deadlines`, { body: { factor } });
                return 'New mentions now get shorter deadlines.';
              })} data-testid="deadline-tighten">
                Shorten deadlines
              </button>{' '}
              {incident.deadlineFactor !== null && (
                <button type="button" className="button" disabled={busy} onClick={() => void act(async () => {
                  const r = await api<{ recomputed: number }>('PUT', `/api/incidents/${encodeURIComponent(incident.id)}/deadlines`, { body: { factor: null } });
                  return `Normal deadlines again (${r.recomputed} open ${r.recomputed === 1 ? 'mention' : 'mentions'} recomputed).`;
                })} data-testid="deadline-restore">
                  Restore normal deadlines
                </button>
              )}
            </div>
          )}
        </section>

        <section className="stack" aria-labelledby="grouped-title">
          <h2 id="grouped-title">Grouped mentions ({progress.mentions})</h2>
          {mentions.length === 0 ? (
            <p className="placeholder" data-testid="incident-empty">No mentions grouped yet: they join as the storm's mentions arrive.</p>
          ) : (
            <ul className={styles.incidentMentions} data-testid="incident-mentions">
              {mentions.map((m) => (
                <li key={m.id} className={cx('card', styles.incidentMention)} data-testid="incident-mention" data-mention-id={m.id}>
                  <div className="row">
                    <PlatformTag platform={m.platform} /> <strong>@{m.authorHandle}</strong>{' '}
                    <time className="muted small" dateTime={m.postedAt}>{formatDateTime(m.postedAt)}</time>{' '}
                    {m.replyState !== null ? (
                      <ReplyStateBadge state={m.replyState} />
                    ) : m.status !== 'open' ? (
                      <span className="badge" data-testid="reply-state" data-state="answered">Answered already</span>
                    ) : (
                      <span className="badge" data-testid="reply-state" data-state="none">No holding reply yet</span>
                    )}
                  </div>
                  <p className="mention-text">{m.text}</p>
                  <a className="small" href={mentionPath(m.id)} onClick={(e) => followLink(e, mentionPath(m.id))}>Open in the inbox</a>
                </li>
              ))}
            </ul>
          )}
          {progress.mentions > mentions.length && <p className="muted small">Showing the newest {mentions.length}.</p>}
        </section>
      </div>
    </main>
  );
}

function Progress({ progress }: { progress: IncidentProgressDto }) {
  const started = progress.sent + progress.pending + progress.failed;
  const done = started > 0 && progress.pending === 0;
  return (
    <section className={cx('card', styles.incidentProgress)} aria-label="Holding reply progress" data-testid="incident-progress" data-done={done ? 'yes' : 'no'}>
      <div className={styles.progressBar} aria-hidden="true">
        <span className={styles.progressSent} style={{ width: `${started === 0 ? 0 : (100 * progress.sent) / started}%` }} />
        <span className={styles.progressFailed} style={{ width: `${started === 0 ? 0 : (100 * progress.failed) / started}%` }} />
      </div>
      <p>
        <strong data-testid="progress-sent">{progress.sent}</strong> sent · <strong data-testid="progress-pending">{progress.pending}</strong> pending ·{' '}
        <strong data-testid="progress-failed">{progress.failed}</strong> failed · <strong data-testid="progress-unsent">{progress.unsent}</strong> without a holding reply ·{' '}
        {progress.mentions} grouped {done && <span className="badge status-closed">Done</span>}
      </p>
    </section>
  );
}
