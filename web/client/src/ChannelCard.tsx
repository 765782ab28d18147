import { useState } from 'react';
import type { BrandDto } from '../../src/api/contract.ts';
import type {
  ChannelDto,
  ChannelPatchBody,
  DeliveryLogDto,
} from '../../src/api/channels-contract.ts';
import { errorMessage } from './api.ts';
import { CHANNELS_PATH } from './channel-form.ts';
// A channel's card has a connection's head: its name, and a badge on the right.
import connectionStyles from './ConnectionForm.module.css';
import { formatDateTime } from './format.ts';
import { cachePut, useApiMutation, withItem, type CachePut } from './hooks/use-api-mutation.ts';
import { useResource } from './use-resource.ts';

interface Props {
  channel: ChannelDto;
  brands: BrandDto[];
}

const STATE_LABEL: Record<DeliveryLogDto['state'], string> = {
  pending: 'Queued…',
  sending: 'Sending…',
  held: 'Held for quiet hours',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** The channel list with one channel replaced by what the server answered, or removed (null). */
function putChannel(id: string, next: ChannelDto | null): CachePut[] {
  return [cachePut<{ channels: ChannelDto[] }>(CHANNELS_PATH, (old) => ({ channels: withItem(old?.channels, id, next) }))];
}

type Action = { what: 'toggle' | 'rotate'; body: ChannelPatchBody } | { what: 'test' } | { what: 'delete' };
type Answer = { channel: ChannelDto; signingSecret?: string } | { notificationId: string } | undefined;

/** One channel: where it goes, and the actions an admin takes on it. */
export function ChannelCard({ channel, brands }: Props) {
  const path = `${CHANNELS_PATH}/${channel.id}`;
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [testId, setTestId] = useState<string | null>(null);
  const history = useResource<{ deliveries: DeliveryLogDto[] }>(historyOpen ? `${path}/deliveries` : null);
  // A test's delivery is followed until it settles: the answer shows the setup works, or why not.
  const [testSettled, setTestSettled] = useState(false);
  const testRead = useResource<{ deliveries: DeliveryLogDto[] }>(
    testId === null ? null : `/api/notifications/${testId}/deliveries`,
    testSettled ? {} : { everyMs: 700 },
  );
  const testDelivery = testRead.data?.deliveries[0] ?? null;
  if (!testSettled && (testDelivery?.state === 'delivered' || testDelivery?.state === 'failed')) setTestSettled(true);
  const test = testId === null ? null : { delivery: testDelivery };

  // One action at a time: the buttons wait while it is sent, and its refusal shows on the card.
  const action = useApiMutation<Action, Answer>({
    request: (a) => {
      if (a.what === 'test') return { method: 'POST', path: `${path}/test` };
      if (a.what === 'delete') return { method: 'DELETE', path };
      return { method: 'PATCH', path, body: a.body };
    },
    put: (answer, a) => {
      if (a.what === 'delete') return putChannel(channel.id, null);
      return answer !== undefined && 'channel' in answer ? putChannel(channel.id, answer.channel) : [];
    },
    onSuccess: (answer, a) => {
      if (answer === undefined) return;
      if (a.what === 'test' && 'notificationId' in answer) {
        setTestSettled(false);
        setTestId(answer.notificationId);
      }
      if (a.what === 'rotate' && 'channel' in answer) setSecret(answer.signingSecret ?? null);
    },
  });
  const busy = action.isPending ? action.variables.what : null;
  const readError = history.error ?? testRead.error;
  const error = action.error !== null ? errorMessage(action.error) : readError;

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
      <div className={connectionStyles.head}>
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
          if ((e.target as HTMLDetailsElement).open) {
            if (historyOpen) history.reload();
            else setHistoryOpen(true);
          }
        }}
      >
        <summary className="small">Recent deliveries</summary>
        {history.data === null ? (
          <p className="placeholder small">Loading…</p>
        ) : history.data.deliveries.length === 0 ? (
          <p className="placeholder small">Nothing delivered to this channel yet.</p>
        ) : (
          <ul className="small">
            {history.data.deliveries.map((d) => (
              <li key={d.id} data-testid="channel-history-item">
                {formatDateTime(d.createdAt)} · {d.title} · {STATE_LABEL[d.state]}
                {d.responseStatus != null && ` (${d.responseStatus})`}
                {d.attempts > 1 && ` after ${d.attempts} attempts`}
                {d.lastError && ` — ${d.lastError}`}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="button small" onClick={() => history.reload()}>
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
          onClick={() => action.mutate({ what: 'test' })}
        >
          {busy === 'test' ? 'Sending…' : 'Send a test'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => action.mutate({ what: 'toggle', body: { enabled: !channel.enabled } })}
        >
          {busy === 'toggle' ? 'Saving…' : channel.enabled ? 'Disable' : 'Enable'}
        </button>
        {channel.kind === 'webhook' && (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => action.mutate({ what: 'rotate', body: { rotateSecret: true } })}
          >
            {busy === 'rotate' ? 'Making one…' : 'New signing secret'}
          </button>
        )}
        {confirmDelete ? (
          <span className="confirm">
            <span className="small">Delete this channel and its delivery log?</span>
            <button
              type="button"
              className="button small danger"
              disabled={busy !== null}
              onClick={() => action.mutate({ what: 'delete' })}
            >
              {busy === 'delete' ? 'Deleting…' : 'Yes, delete'}
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
