import type { InboxPageQuery } from '@earshot/db';
import type { InboxQuery } from '../api/contract.ts';
import { decodeInboxCursor } from './inbox-cursor.ts';

/** The inbox API's query as the db layer takes it: the route and the inbox benchmark's EXPLAIN share it. */
export function toInboxPageQuery(q: InboxQuery): InboxPageQuery {
  const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
  return {
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
    response: q.response,
    asOf: date(q.asOf),
    limit: q.limit,
    after: q.cursor ? decodeInboxCursor(q.cursor) : undefined,
  };
}
