import { useState } from 'react';
import type { BrandDto } from '../../src/api/contract.ts';
import type { ChannelDto } from '../../src/api/channels-contract.ts';
import { ChannelCard } from './ChannelCard.tsx';
import { CHANNELS_PATH } from './channel-form.ts';
import { NewChannelForm } from './NewChannelForm.tsx';
import { useResource } from './use-resource.ts';

/** Where alerts and reports are delivered: email lists and signed webhooks. */
export function NotificationChannelsSection({ brands }: { brands: BrandDto[] }) {
  const channels = useResource<{ channels: ChannelDto[] }>(CHANNELS_PATH);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const list = channels.data?.channels ?? [];

  return (
    <section
      className="settings-section"
      aria-labelledby="channels-heading"
      data-testid="notification-channels"
    >
      <h2 id="channels-heading">Notification channels</h2>
      <p className="muted small">
        Alerts and weekly reports go to every channel of their brand (or of every brand) that wants
        their severity. Webhooks are signed (see the README for how to verify them); a test shows
        whether a channel works.
      </p>
      {channels.error !== null && (
        <p className="alert" role="alert">
          {channels.error}
        </p>
      )}
      {created !== null && (
        <p className="alert" role="status" data-testid="channel-created-secret">
          “{created.name}” signs its requests with <code>{created.secret}</code>. Copy it now into
          the receiver: it is not shown again.
        </p>
      )}
      <div className="stack">
        {list.map((c) => (
          <ChannelCard key={c.id} channel={c} brands={brands} />
        ))}
        {channels.data !== null && list.length === 0 && (
          <p className="placeholder">No channels yet: alerts show in Earshot only.</p>
        )}
        <NewChannelForm
          brands={brands}
          onCreated={(channel, secret) => setCreated(secret === null ? null : { name: channel.name, secret })}
        />
      </div>
    </section>
  );
}
