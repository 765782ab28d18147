import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BrandDto, InboxCountsDto, LiveEvent, MentionDto, ReplyDto, UserDto } from '../../src/api/contract.ts';
import { roleAtLeast } from '../../src/api/roles.ts';
import { errorMessage } from './api.ts';
import { BulkBar } from './BulkBar.tsx';
import { KeyboardSheet } from './KeyboardSheet.tsx';
import { INBOX_KEYS, useKeyMap, type InboxAction } from './keymap.ts';
import { assign, setStatus, stillInView, type ManualStatus } from './triage.ts';
import { usePresence } from './use-presence.ts';
import { useTeammates } from './use-teammates.ts';
import { ViewTabs } from './ViewTabs.tsx';
import { cx } from './class-names.ts';
import styles from './InboxScreen.module.css';
import type { StreamDto, TagDto } from '../../src/api/contract.ts';
import { useResource } from './use-resource.ts';
import { InboxFilters } from './InboxFilters.tsx';
import { InboxList } from './InboxList.tsx';
import { MentionPanel } from './MentionPanel.tsx';
import { useInbox } from './use-inbox.ts';
import { IncidentsStrip } from './IncidentsStrip.tsx';
import type { IncidentSummaryDto } from '../../src/api/incidents-contract.ts';
import { searchOfView, type InboxView } from './inbox-url.ts';
import type { LiveConnection } from './use-live-connection.ts';
import { readMention, useMentionDetail } from './use-mention-detail.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';


interface Props {
  selectedId: string | null;
  subscribe: LiveConnection['subscribe'];
  brands: BrandDto[];
  /** Status and filters, read from the URL's search parameters. */
  view: InboxView;
  /** Shows another view (writes the URL). */
  onView(view: InboxView): void;
  me: UserDto;
  counts: InboxCountsDto | null;
}

export function InboxScreen({ selectedId, subscribe, brands, view, onView, me, counts }: Props) {
  const inbox = useInbox(view);
  const client = useQueryClient();
  const { teammates, setAway } = useTeammates();
  const away = teammates.find((t) => t.id === me.id)?.away ?? false;
  const names = useMemo(() => new Map(teammates.map((t) => [t.id, t.name])), [teammates]);
  const canWork = roleAtLeast(me.role, 'agent');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const [cursorId, setCursorId] = useState<string | null>(selectedId);
  const [busy, setBusy] = useState(false);
  const [triageError, setTriageError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const presence = usePresence(selectedId, me.id, subscribe);
  const brandId = view.filters.brandId ?? null;
  // Opening and closing a mention keeps the filters in the URL.
  const search = useMemo(() => searchOfView(view), [view]);
  const go = useNavigate();
  const select = useCallback(
    (id: string | null) => void (id === null ? go({ to: '/', search }) : go({ to: '/mentions/$mentionId', params: { mentionId: id }, search })),
    [go, search],
  );
  const detail = useMentionDetail(selectedId);
  const incidents = useResource<{ incidents: IncidentSummaryDto[] }>(`/api/incidents${brandId === null ? '' : `?brandId=${encodeURIComponent(brandId)}`}`).data?.incidents ?? [];
  const tags = useResource<{ tags: TagDto[] }>('/api/tags');
  const streams = useResource<{ streams: StreamDto[] }>('/api/streams');

  // The open mention is the freshest copy we have: keep its inbox row in step with it.
  const { upsert } = inbox;
  const openMention = detail.detail?.mention;
  useEffect(() => {
    if (openMention !== undefined) upsert(openMention);
  }, [openMention, upsert]);

  // Listeners live as long as the screen; they read the latest state via a ref.
  const latest = useRef({ inbox, detail, brandId, selectedId, view, meId: me.id });
  latest.current = { inbox, detail, brandId, selectedId, view, meId: me.id };

  useEffect(() => {
    /**
     * Reads a listed mention that changed in place (into the query cache, under the mention's
     * own key) and puts the fresh copy in the list: kept if it still belongs to the view, else
     * taken out. A failed read changes nothing: the next event or reconnect catches up.
     */
    const refresh = (id: string) =>
      readMention(client, id).then((m) => {
        const { inbox, view, meId } = latest.current;
        if (stillInView(m, view, meId)) inbox.upsert(m);
        else inbox.remove([m.id]);
      }, () => undefined);
    const onEvent = (event: LiveEvent) => {
      if (event.type === 'alerts.changed' || event.type === 'notices.changed' || event.type === 'presence') return;
      const { inbox, detail, brandId, selectedId, view, meId } = latest.current;
      if (event.type === 'mentions.changed') {
        // Status or assignee set by someone: rows that left this view go at once, for everyone.
        const leaves =
          (event.status !== undefined && view.status !== 'all' && event.status !== view.status) ||
          (event.assigneeId !== undefined && !stillInView({ status: view.status === 'all' ? 'open' : view.status, assigneeId: event.assigneeId }, view, meId));
        const gone = leaves ? event.ids : [];
        inbox.remove(gone);
        if (selectedId !== null && event.ids.includes(selectedId)) void detail.reload();
        // Others that joined this view are read with the list (live-queries.ts); these changed in place.
        for (const id of event.ids) {
          if (gone.includes(id) || id === selectedId || !inbox.has(id)) continue;
          void refresh(id);
        }
        return;
      }
      if (brandId !== null && event.brandId !== brandId) return;
      // New mentions come with the list's next read (live-queries.ts).
      if (event.type === 'mentions.created') return;
      if (event.id === selectedId) {
        void detail.reload().then((m) => {
          if (m !== null && !stillInView(m, latest.current.view, latest.current.meId)) latest.current.inbox.remove([m.id]);
        });
      } else if (inbox.has(event.id)) {
        void refresh(event.id);
      }
    };
    // After a gap the list is read again with every other query (live-queries.ts); the open mention here.
    return subscribe({ onEvent, onCatchUp: () => void latest.current.detail.reload() });
  }, [subscribe, client]);

  const { addReply, replaceMention } = detail;
  const onReplySent = useCallback((reply: ReplyDto) => addReply(reply), [addReply]);
  const onCorrected = useCallback((mention: MentionDto) => replaceMention(mention), [replaceMention]);

  // Ticked rows that left the list are no longer ticked.
  const listed = inbox.items;
  useEffect(() => {
    setChecked((c) => {
      const ids = new Set(listed.map((m) => m.id));
      const kept = [...c].filter((id) => ids.has(id));
      return kept.length === c.size ? c : new Set(kept);
    });
  }, [listed]);
  useEffect(() => {
    if (selectedId !== null) setCursorId(selectedId);
  }, [selectedId]);

  const check = useCallback(
    (id: string, range: boolean) => {
      // Read the anchor now: the state updater runs later, after it moved.
      const ids = listed.map((m) => m.id);
      const from = anchor.current === null ? -1 : ids.indexOf(anchor.current);
      const to = ids.indexOf(id);
      setChecked((c) => {
        const next = new Set(c);
        if (range && from !== -1 && to !== -1) {
          const [lo, hi] = from < to ? [from, to] : [to, from];
          for (const rid of ids.slice(lo, hi + 1)) next.add(rid);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = id;
      setCursorId(id);
    },
    [listed],
  );

  /** The row after (or before) `id` in the list, for "next" after a triage. */
  const neighbour = (id: string, step: 1 | -1): string | null => {
    const i = listed.findIndex((m) => m.id === id);
    if (i === -1) return listed[0]?.id ?? null;
    return listed[i + step]?.id ?? null;
  };

  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setTriageError(null);
    try {
      await work();
      after?.();
    } catch (e) {
      setTriageError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  /** Applies a status to mentions: they leave this view at once if it no longer shows them. */
  const applyStatus = (ids: string[], status: ManualStatus, followUpAt?: Date, then?: () => void) =>
    run(async () => {
      await setStatus(ids, status, followUpAt);
      if (view.status !== 'all' && view.status !== status) inbox.remove(ids);
      if (selectedId !== null && ids.includes(selectedId)) await detail.reload();
    }, then);

  const applyAssign = (ids: string[], assigneeId: string | null) =>
    run(async () => {
      await assign(ids, assigneeId);
      const stays = stillInView({ status: 'open', assigneeId }, { ...view, status: 'all' }, me.id);
      if (!stays) inbox.remove(ids);
      if (selectedId !== null && ids.includes(selectedId)) await detail.reload();
      for (const id of ids) {
        if (stays && id !== selectedId && inbox.has(id)) {
          void readMention(client, id).then(inbox.upsert, () => undefined);
        }
      }
    });

  const targets = (): string[] => (checked.size > 0 ? [...checked] : cursorId !== null ? [cursorId] : []);
  const move = (step: 1 | -1) => {
    const next = cursorId === null ? (listed[0]?.id ?? null) : neighbour(cursorId, step);
    if (next === null) return;
    setCursorId(next);
    if (selectedId !== null) select(next);
    document.querySelector(`[data-mention-id="${CSS.escape(next)}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  /** After taking the open mention out of the list, open the next one (or go back to the list). */
  const afterTriage = (ids: string[]) => {
    if (selectedId === null || !ids.includes(selectedId)) return;
    const next = neighbour(selectedId, 1) ?? neighbour(selectedId, -1);
    const stays = view.status === 'all';
    if (!stays) select(next);
  };
  const triageKeys = (status: 'closed' | 'ignored') => {
    if (!canWork) return;
    const ids = targets();
    if (ids.length === 0) return;
    const next = cursorId === null ? null : (listed.find((m, i) => i > listed.findIndex((x) => x.id === cursorId) && !ids.includes(m.id))?.id ?? null);
    void applyStatus(ids, status, undefined, () => {
      setChecked(new Set());
      if (view.status !== 'all' && next !== null) setCursorId(next);
      afterTriage(ids);
    });
  };

  const handlers: Partial<Record<InboxAction, () => void>> = {
    next: () => move(1),
    previous: () => move(-1),
    open: () => {
      if (cursorId !== null) select(cursorId);
    },
    reply: () => {
      if (selectedId === null && cursorId !== null) select(cursorId);
      window.setTimeout(() => document.querySelector<HTMLTextAreaElement>('[data-testid="reply-text"]')?.focus(), selectedId === null ? 300 : 0);
    },
    assignToMe: () => {
      if (canWork && targets().length > 0) void applyAssign(targets(), me.id).then(() => setChecked(new Set()));
    },
    close: () => triageKeys('closed'),
    ignore: () => triageKeys('ignored'),
    select: () => {
      if (cursorId !== null) check(cursorId, false);
    },
    back: () => {
      if (help) setHelp(false);
      else if (selectedId !== null) select(null);
      else if (checked.size > 0) setChecked(new Set());
    },
    help: () => setHelp((h) => !h),
  };
  useKeyMap(INBOX_KEYS, handlers);

  return (
    <main className={cx(styles.layout, selectedId !== null && styles.hasSelection)}>
      <section className={styles.inbox} aria-label="Inbox" data-testid="inbox">
        <div className={styles.inboxTop} data-testid="inbox-header">
          <div className={styles.inboxTitle}>
            <h1>Inbox</h1>
            <span className={styles.inboxTitleTools}>
              {canWork && (
                <label className="away-toggle muted small" title="Automatic assignment skips you while you are away">
                  <input type="checkbox" checked={away} onChange={(e) => void setAway(me.id, e.target.checked).catch(() => undefined)} data-testid="away-toggle" />{' '}
                  Away
                </label>
              )}
              <button type="button" className="button link small" onClick={() => setHelp(true)} data-testid="show-keys" aria-keyshortcuts="?">
                Keyboard shortcuts (?)
              </button>
            </span>
          </div>
          <ViewTabs view={view} counts={counts} onView={onView} />
          <InboxFilters view={view} onView={onView} brands={brands} tags={tags.data?.tags ?? []} streams={streams.data?.streams ?? []} />
        </div>
        {view.status === 'open' && <IncidentsStrip incidents={incidents} />}
        {checked.size > 0 && (
          <BulkBar
            count={checked.size}
            busy={busy}
            teammates={teammates}
            canWork={canWork}
            onAssign={(assigneeId) => void applyAssign([...checked], assigneeId).then(() => setChecked(new Set()))}
            onStatus={(status) => void applyStatus([...checked], status, undefined, () => setChecked(new Set()))}
            onClear={() => setChecked(new Set())}
          />
        )}
        {triageError !== null && selectedId === null && (
          <p className="alert" role="alert" data-testid="bulk-error">
            {triageError}
          </p>
        )}
        <InboxList
          inbox={inbox}
          status={view.status}
          filtered={Object.keys(view.filters).some((k) => k !== 'brandId')}
          selectedId={selectedId}
          onSelect={select}
          checkedIds={checked}
          onCheck={check}
          cursorId={cursorId}
          assigneeNames={names}
        />
        {help && <KeyboardSheet bindings={INBOX_KEYS} onClose={() => setHelp(false)} />}
      </section>
      <section className={styles.panel} aria-label="Mention">
        {selectedId === null ? (
          <p className={cx('placeholder', styles.panelEmpty)}>Select a mention to read it in full and reply.</p>
        ) : (
          <MentionPanel
            detail={detail}
            onClose={() => select(null)}
            onReplySent={onReplySent}
            onCorrected={onCorrected}
            team={{
              meId: me.id,
              canWork,
              teammates,
              others: presence.others,
              onTyped: presence.typed,
              busy,
              error: triageError,
              onAssign: (assigneeId) => void applyAssign([selectedId], assigneeId),
              // From the panel the mention stays open (to see it done); Close and next moves on.
              onStatus: (status, followUpAt) => void applyStatus([selectedId], status, followUpAt),
              onCloseAndNext: () => {
                const next = neighbour(selectedId, 1);
                void applyStatus([selectedId], 'closed', undefined, () => select(next));
              },
            }}
            onTagsChanged={tags.reload}
          />
        )}
      </section>
    </main>
  );
}
