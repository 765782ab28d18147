import type { BrandScope, InboxPageQuery } from '@earshot/db';
import type { InboxQuery } from '../api/contract.ts';
import { decodeInboxCursor } from './inbox-cursor.ts';

/** The inbox API's query as the db layer takes it (`assignee=me` is the caller): the route and the inbox benchmark's EXPLAIN share it. */
export function toInboxPageQuery(q: InboxQuery, me: { id: string }, scope: BrandScope): InboxPageQuery {
  const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
  return {
    scope,
    status: q.status,
    brandId: q.brandId,
    sentiment: q.sentiment,
    intent: q.intent,
    platform: q.platform,
    priority: q.priority,
    topic: q.topic,
    postedFrom: date(q.postedFrom),
    postedBefore: date(q.postedBefore),
    agentId: q.agentId,
    authorHandle: q.authorHandle,
    assigneeId: q.assignee === 'me' ? me.id : q.assignee,
    response: q.response,
    asOf: date(q.asOf),
    streamId: q.streamId,
    tagId: q.tagId,
    overdue: q.overdue === '1' ? true : undefined,
    search: q.search,
    limit: q.limit,
    after: q.cursor ? decodeInboxCursor(q.cursor) : undefined,
  };
}
