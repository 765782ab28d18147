import { useEffect, useState } from 'react';
import type { BrandDto } from '../../src/api/contract.ts';
import type {
  ChannelDto,
  ChannelPatchBody,
  DeliveryLogDto,
} from '../../src/api/channels-contract.ts';
import { api, errorMessage } from './api.ts';
import { formatDateTime } from './format.ts';

interface Props {
  channel: ChannelDto;
  brands: BrandDto[];
  onChanged(channel: ChannelDto | null): void;
}

const STATE_LABEL: Record<DeliveryLogDto['state'], string> = {
  pending: 'Queued…',
  sending: 'Sending…',
  held: 'Held for quiet hours',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** One channel: where it goes, and the actions an admin takes on it. */
export function ChannelCard({ channel, brands, onChanged }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [history, setHistory] = useState<DeliveryLogDto[] | null>(null);
  const loadHistory = () =>
    api<{ deliveries: DeliveryLogDto[] }>(
      'GET',
      `/api/notification-channels/${channel.id}/deliveries`,
    ).then(
      ({ deliveries }) => setHistory(deliveries),
      (e: unknown) => setError(errorMessage(e)),
    );
  const [test, setTest] = useState<{
    notificationId: string;
    delivery: DeliveryLogDto | null;
  } | null>(null);

  // A test's delivery is followed until it settles: the answer shows the setup works, or why not.
  useEffect(() => {
    if (
      !test ||
      (test.delivery && (test.delivery.state === 'delivered' || test.delivery.state === 'failed'))
    )
      return;
    const timer = setTimeout(() => {
      api<{ deliveries: DeliveryLogDto[] }>(
        'GET',
        `/api/notifications/${test.notificationId}/deliveries`,
      ).then(
        ({ deliveries }) =>
          setTest({ notificationId: test.notificationId, delivery: deliveries[0] ?? null }),
        (e: unknown) => setError(errorMessage(e)),
      );
    }, 700);
    return () => clearTimeout(timer);
  }, [test]);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const patch = (body: ChannelPatchBody) =>
    api<{ channel: ChannelDto; signingSecret?: string }>(
      'PATCH',
      `/api/notification-channels/${channel.id}`,
      { body },
    );

  const brand =
    channel.brandId === null
      ? 'every brand'
      : (brands.find((b) => b.id === channel.brandId)?.name ?? 'a deleted brand');
  const target =
    'recipients' in channel.config
      ? channel.config.recipients.join(', ')
      : `${channel.config.url} (${channel.config.format === 'slack' ? 'Slack' : 'JSON'})`;

  return (
    <div
      className="card"
      data-testid="channel"
      data-channel-id={channel.id}
      data-enabled={channel.enabled}
    >
      <div className="connection-head">
        <h3>{channel.name}</h3>
        <span className={`badge ${channel.enabled ? 'health-ok' : 'health-pending'}`}>
          {channel.enabled ? (channel.kind === 'email' ? 'Email' : 'Webhook') : 'Disabled'}
        </span>
      </div>
      <p className="muted small" data-testid="channel-summary">
        {target} · {brand} ·{' '}
        {channel.minSeverity === 'high' ? 'high severity only' : 'all severities'}
        {channel.quietHours &&
          ` · quiet ${channel.quietHours.start}–${channel.quietHours.end} ${channel.quietHours.timeZone} (low severity waits for a digest)`}
        {channel.kind === 'webhook' &&
          channel.secretSealed === false &&
          ' · signing secret not encrypted (EARSHOT_SECRET unset)'}
      </p>
      {secret !== null && (
        <p className="alert" role="status" data-testid="channel-secret">
          New signing secret, shown once: <code>{secret}</code>
        </p>
      )}
      {test !== null && (
        <p className="small" role="status" data-testid="channel-test-result">
          Test: {test.delivery ? STATE_LABEL[test.delivery.state] : 'Queued…'}
          {test.delivery?.responseStatus != null && ` (${test.delivery.responseStatus})`}
          {test.delivery?.lastError && ` — ${test.delivery.lastError}`}
        </p>
      )}
      <details
        data-testid="channel-history"
        onToggle={(e) => {
          if ((e.target as HTMLDetailsElement).open) void loadHistory();
        }}
      >
        <summary className="small">Recent deliveries</summary>
        {history === null ? (
          <p className="placeholder small">Loading…</p>
        ) : history.length === 0 ? (
          <p className="placeholder small">Nothing delivered to this channel yet.</p>
        ) : (
          <ul className="small">
            {history.map((d) => (
              <li key={d.id} data-testid="channel-history-item">
                {formatDateTime(d.createdAt)} · {d.title} · {STATE_LABEL[d.state]}
                {d.responseStatus != null && ` (${d.responseStatus})`}
                {d.attempts > 1 && ` after ${d.attempts} attempts`}
                {d.lastError && ` — ${d.lastError}`}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button small" onClick={() => void loadHistory()}>
          Refresh
        </button>
      </details>
      {error !== null && (
        <p className="alert" role="alert" data-testid="channel-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null || !channel.enabled}
          onClick={() =>
            void run('test', async () => {
              const sent = await api<{ notificationId: string }>(
                'POST',
                `/api/notification-channels/${channel.id}/test`,
              );
              setTest({ notificationId: sent.notificationId, delivery: null });
            })
          }
        >
          {busy === 'test' ? 'Sending…' : 'Send a test'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() =>
            void run('toggle', async () =>
              onChanged((await patch({ enabled: !channel.enabled })).channel),
            )
          }
        >
          {channel.enabled ? 'Disable' : 'Enable'}
        </button>
        {channel.kind === 'webhook' && (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() =>
              void run('rotate', async () => {
                const rotated = await patch({ rotateSecret: true });
                setSecret(rotated.signingSecret ?? null);
                onChanged(rotated.channel);
              })
            }
          >
            New signing secret
          </button>
        )}
        {confirmDelete ? (
          <span className="confirm">
            <span className="small">Delete this channel and its delivery log?</span>
            <button
              type="button"
              className="button small danger"
              disabled={busy !== null}
              onClick={() =>
                void run('delete', async () => {
                  await api('DELETE', `/api/notification-channels/${channel.id}`);
                  onChanged(null);
                })
              }
            >
              Yes, delete
            </button>
            <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
    </div>
  );
}
