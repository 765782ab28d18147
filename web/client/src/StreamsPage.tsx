import { useState } from 'react';
import type { BrandDto, PlatformDto, StreamDto } from '../../src/api/contract.ts';
import { NewStreamForm } from './NewStreamForm.tsx';
import { StreamCard } from './StreamCard.tsx';
import { useNow } from './use-now.ts';
import { useResource } from './use-resource.ts';
import { navigate, streamPath } from './use-route.ts';
import { useStreams } from './use-streams.ts';
import styles from './StreamsPage.module.css';

interface Props {
  canManage: boolean;
  /** A stream to scroll to and mark, e.g. followed from an alert. */
  highlightId: string | null;
  brands: BrandDto[];
  onBrandsChanged(): void;
}

export function StreamsPage({ canManage, highlightId, brands, onBrandsChanged }: Props) {
  const streams = useStreams();
  const now = useNow(5000);
  const platforms = useResource<{ platforms: PlatformDto[] }>(canManage ? '/api/platforms' : null);
  const [creating, setCreating] = useState(false);
  /** What the last create or delete has to say: a missing credential, or what became of mentions. */
  const [notice, setNotice] = useState<string | null>(null);
  const brandNames = new Map(brands.map((b) => [b.id, b.name]));
  const showBrand = brands.length > 1;

  const onCreated = (stream: StreamDto, warning: string | null) => {
    setCreating(false);
    setNotice(warning);
    navigate(streamPath(stream.id));
  };

  return (
    <main className="page" aria-labelledby="streams-heading">
      <div className="page-inner">
        <div className="page-top">
          <div>
            <h1 id="streams-heading">Streams</h1>
            <p className="muted small">What Earshot listens to, and how each stream is doing. Refreshes every 10 seconds.</p>
          </div>
          {canManage && !creating && (
            <button type="button" className="button primary" onClick={() => setCreating(true)} data-testid="new-stream">
              New stream
            </button>
          )}
        </div>

        {creating &&
          (platforms.data !== null ? (
            <NewStreamForm
              brands={brands}
              platforms={platforms.data.platforms}
              onCreated={onCreated}
              onBrandCreated={onBrandsChanged}
              onCancel={() => setCreating(false)}
            />
          ) : (
            <p className={platforms.error !== null ? 'alert' : 'placeholder'} role={platforms.error !== null ? 'alert' : 'status'}>
              {platforms.error ?? 'Loading platforms…'}
            </p>
          ))}

        {notice !== null && (
          <div className="stream-note warn" role="status" data-testid="streams-notice">
            <span>{notice}</span>{' '}
            <button type="button" className="button link small" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}

        {streams.error !== null && (
          <div className="alert" role="alert" data-testid="streams-error">
            <span>{streams.error}</span>
            <button type="button" className="button small" onClick={streams.reload}>
              Try again
            </button>
          </div>
        )}
        {streams.loading ? (
          <p className="placeholder" role="status">
            Loading streams…
          </p>
        ) : streams.streams.length === 0 && streams.error === null ? (
          <p className="placeholder" data-testid="streams-empty">
            No streams yet.{canManage ? ' Create one to start listening.' : ' A manager can create one.'}
          </p>
        ) : (
          <div className={styles.streamList} data-testid="stream-list">
            {streams.streams.map((s) => (
              <StreamCard
                key={s.id}
                stream={s}
                brandName={showBrand ? (brandNames.get(s.brandId) ?? null) : null}
                canManage={canManage}
                highlighted={s.id === highlightId}
                now={now}
                platform={platforms.data?.platforms.find((p) => p.platform === s.platform)}
                onDeleted={(deleted) => setNotice(`Stream "${deleted.name}" deleted; its mentions stay in the inbox.`)}
              />
            ))}
          </div>
        )}
      </div>
    </main>
  );
}
