import type { ConnectionDto, PlatformDto } from '../../src/api/contract.ts';
import { CONNECTIONS_PATH } from './account-forms.ts';
import { ConnectionForm } from './ConnectionForm.tsx';
import { useResource } from './use-resource.ts';

export function ConnectionsSection() {
  const platforms = useResource<{ platforms: PlatformDto[] }>('/api/platforms');
  const connections = useResource<{ connections: ConnectionDto[] }>(CONNECTIONS_PATH);
  const error = platforms.error ?? connections.error;

  let body;
  if (error !== null) {
    body = (
      <div className="alert" role="alert">
        <span>{error}</span>
        <button
          type="button"
          className="button small"
          onClick={() => {
            platforms.reload();
            connections.reload();
          }}
        >
          Try again
        </button>
      </div>
    );
  } else if (platforms.data === null || connections.data === null) {
    body = (
      <p className="placeholder" role="status">
        Loading connections…
      </p>
    );
  } else {
    const needing = platforms.data.platforms.filter((p) => p.needsCredentials);
    const byPlatform = new Map(connections.data.connections.map((c) => [c.platform, c]));
    body =
      needing.length === 0 ? (
        <p className="placeholder">No platform here needs credentials.</p>
      ) : (
        <div className="stack">
          {needing.map((p) => (
            <ConnectionForm key={p.platform} platform={p} connection={byPlatform.get(p.platform) ?? null} />
          ))}
        </div>
      );
  }

  return (
    <section className="settings-section" aria-labelledby="connections-heading" data-testid="connections">
      <h2 id="connections-heading">Connections</h2>
      <p className="muted small">
        API credentials Earshot uses to read and reply on each platform. They are stored encrypted and can only be
        replaced or removed here, never read back.
      </p>
      {body}
    </section>
  );
}
