import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrandDto, LiveEvent, MentionDetail, ReplyDto, UserDto } from '../../src/api/contract.ts';
import { api } from './api.ts';
import { Header } from './Header.tsx';
import { InboxFilters } from './InboxFilters.tsx';
import { InboxList } from './InboxList.tsx';
import { MentionPanel } from './MentionPanel.tsx';
import { connectLiveEvents, type LiveStatus } from './live-events.ts';
import { useInbox, type StatusFilter } from './use-inbox.ts';
import { useMentionDetail } from './use-mention-detail.ts';
import { useSelectedMention } from './use-route.ts';

const RECONNECT_MS = 5000;
const POLL_WHILE_OFFLINE_MS = 15_000;

/** Brings the list and the open mention up to date after events may have been missed. */
function catchUpWith(latest: { inbox: { scheduleRefresh(): void }; detail: { reload(): Promise<unknown> } }) {
  latest.inbox.scheduleRefresh();
  void latest.detail.reload();
}

interface Props {
  user: UserDto;
  signingOut: boolean;
  onSignOut(): void;
}

export function Dashboard({ user, signingOut, onSignOut }: Props) {
  const [status, setStatus] = useState<StatusFilter>('open');
  const [brandId, setBrandId] = useState<string | null>(null);
  const [brands, setBrands] = useState<BrandDto[]>([]);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [connection, setConnection] = useState(0);
  const [selectedId, select] = useSelectedMention();
  const inbox = useInbox(status, brandId);
  const detail = useMentionDetail(selectedId);

  useEffect(() => {
    api<{ brands: BrandDto[] }>('GET', '/api/brands').then(
      (r) => setBrands(r.brands),
      () => setBrands([]), // without the list the brand filter is simply not offered
    );
  }, []);

  // The open mention is the freshest copy we have: keep its inbox row in step with it.
  const { upsert } = inbox;
  const openMention = detail.detail?.mention;
  useEffect(() => {
    if (openMention !== undefined) upsert(openMention);
  }, [openMention, upsert]);

  // The event stream lives as long as the dashboard; handlers read the latest state via refs.
  const latest = useRef({ inbox, detail, brandId, selectedId });
  latest.current = { inbox, detail, brandId, selectedId };
  const catchUp = () => catchUpWith(latest.current);

  useEffect(() => {
    let disposed = false;
    let reconnectTimer: number | undefined;
    const onEvent = (event: LiveEvent) => {
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
    const close = connectLiveEvents({
      onEvent,
      onStatus: setLive,
      onResumed: catchUp,
      onClosed: () => {
        close();
        // A 401 here signs the user out (api() calls the unauthorized handler); anything
        // else means the server is away, so try again shortly.
        api('GET', '/api/session')
          .catch(() => undefined)
          .then(() => {
            if (!disposed) reconnectTimer = window.setTimeout(() => setConnection((n) => n + 1), RECONNECT_MS);
          });
      },
    });
    if (connection > 0) catchUp(); // events may have been missed while reconnecting
    return () => {
      disposed = true;
      window.clearTimeout(reconnectTimer);
      close();
    };
  }, [connection]);

  // While the stream is down, poll so the inbox and open mention still move.
  useEffect(() => {
    if (live === 'live') return;
    const timer = window.setInterval(catchUp, POLL_WHILE_OFFLINE_MS);
    return () => window.clearInterval(timer);
  }, [live]);

  const { addReply } = detail;
  const onReplySent = useCallback((reply: ReplyDto) => addReply(reply), [addReply]);

  return (
    <div className="app">
      <Header user={user} live={live} signingOut={signingOut} onSignOut={onSignOut} />
      <main className={`layout${selectedId !== null ? ' has-selection' : ''}`}>
        <section className="inbox" aria-label="Inbox" data-testid="inbox">
          <div className="inbox-top">
            <h1>Inbox</h1>
            <InboxFilters status={status} onStatus={setStatus} brands={brands} brandId={brandId} onBrand={setBrandId} />
          </div>
          <InboxList inbox={inbox} status={status} selectedId={selectedId} onSelect={select} />
        </section>
        <section className="panel" aria-label="Mention">
          {selectedId === null ? (
            <p className="placeholder panel-empty">Select a mention to read it in full and reply.</p>
          ) : (
            <MentionPanel detail={detail} onClose={() => select(null)} onReplySent={onReplySent} />
          )}
        </section>
      </main>
    </div>
  );
}
