import { useCallback, useEffect, useRef } from 'react';
import type { BrandDto, LiveEvent, MentionDetail, MentionDto, ReplyDto, StreamDto, TagDto } from '../../src/api/contract.ts';
import { useResource } from './use-resource.ts';
import { api } from './api.ts';
import { InboxFilters } from './InboxFilters.tsx';
import { InboxList } from './InboxList.tsx';
import { MentionPanel } from './MentionPanel.tsx';
import { useInbox } from './use-inbox.ts';
import { inboxSearch, type InboxView } from './inbox-url.ts';
import type { LiveConnection } from './use-live-connection.ts';
import { useMentionDetail } from './use-mention-detail.ts';
import { mentionPath, navigate } from './use-route.ts';

/** Brings the list and the open mention up to date after events may have been missed. */
function catchUpWith(latest: { inbox: { scheduleRefresh(): void }; detail: { reload(): Promise<unknown> } }) {
  latest.inbox.scheduleRefresh();
  void latest.detail.reload();
}


interface Props {
  selectedId: string | null;
  subscribe: LiveConnection['subscribe'];
  brands: BrandDto[];
  /** Status and filters, read from the URL's search parameters. */
  view: InboxView;
  /** Shows another view (writes the URL). */
  onView(view: InboxView): void;
}

export function InboxScreen({ selectedId, subscribe, brands, view, onView }: Props) {
  const inbox = useInbox(view);
  const brandId = view.filters.brandId ?? null;
  // Opening and closing a mention keeps the filters in the URL.
  const search = inboxSearch(view);
  const select = useCallback((id: string | null) => navigate(`${id === null ? '/' : mentionPath(id)}${search}`), [search]);
  const detail = useMentionDetail(selectedId);
  const tags = useResource<{ tags: TagDto[] }>('/api/tags');
  const streams = useResource<{ streams: StreamDto[] }>('/api/streams');

  // The open mention is the freshest copy we have: keep its inbox row in step with it.
  const { upsert } = inbox;
  const openMention = detail.detail?.mention;
  useEffect(() => {
    if (openMention !== undefined) upsert(openMention);
  }, [openMention, upsert]);

  // Listeners live as long as the screen; they read the latest state via a ref.
  const latest = useRef({ inbox, detail, brandId, selectedId });
  latest.current = { inbox, detail, brandId, selectedId };

  useEffect(() => {
    const onEvent = (event: LiveEvent) => {
      if (event.type === 'alerts.changed') return;
      const { inbox, detail, brandId, selectedId } = latest.current;
      if (brandId !== null && event.brandId !== brandId) return;
      if (event.type === 'mentions.created') {
        inbox.scheduleRefresh();
      } else if (event.id === selectedId) {
        void detail.reload(); // the effect above carries the fresh mention into the list
      } else if (inbox.has(event.id)) {
        api<MentionDetail>('GET', `/api/mentions/${encodeURIComponent(event.id)}`).then(
          (d) => latest.current.inbox.upsert(d.mention),
          () => undefined, // the next event or reconnect catches up
        );
      }
    };
    return subscribe({ onEvent, onCatchUp: () => catchUpWith(latest.current) });
  }, [subscribe]);

  const { addReply, replaceMention } = detail;
  const onReplySent = useCallback((reply: ReplyDto) => addReply(reply), [addReply]);
  const onCorrected = useCallback((mention: MentionDto) => replaceMention(mention), [replaceMention]);

  return (
    <main className={`layout${selectedId !== null ? ' has-selection' : ''}`}>
      <section className="inbox" aria-label="Inbox" data-testid="inbox">
        <div className="inbox-top">
          <h1>Inbox</h1>
          <InboxFilters view={view} onView={onView} brands={brands} tags={tags.data?.tags ?? []} streams={streams.data?.streams ?? []} />
        </div>
        <InboxList inbox={inbox} status={view.status} filtered={Object.keys(view.filters).some((k) => k !== 'brandId')} selectedId={selectedId} onSelect={select} />
      </section>
      <section className="panel" aria-label="Mention">
        {selectedId === null ? (
          <p className="placeholder panel-empty">Select a mention to read it in full and reply.</p>
        ) : (
          <MentionPanel
            detail={detail}
            onClose={() => select(null)}
            onReplySent={onReplySent}
            onCorrected={onCorrected}
            onTagsChanged={tags.reload}
          />
        )}
      </section>
    </main>
  );
}
