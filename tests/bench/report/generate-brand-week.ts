import { sql } from 'kysely';
import { rebuildBrandRollups } from '@earshot/db';
import type { Database } from '@earshot/db';

/**
 * Fills one brand-week with `rows` mentions spread evenly over [start, end) and gives about
 * 40 % of them replies, inside PostgreSQL (insert … select from generate_series): nothing
 * crosses the wire but the statement, so a million rows take seconds, not minutes. Values are
 * pseudo-random but fixed (a hash of the row number), so two runs build the same data.
 */
export async function generateBrandWeek(
  db: Database,
  q: { brandId: string; agentIds: string[]; start: Date; end: Date; rows: number; tag: string },
): Promise<void> {
  const span = q.end.getTime() - q.start.getTime();
  // h(i, k): a fixed pseudo-random integer 0…9999 for row i and purpose k.
  await sql`
    insert into mentions (brand_id, platform, external_id, text, author_handle, author_followers, posted_at,
      sentiment, sentiment_score, confidence, intent, topic, is_spam, priority, priority_reason, sla_due_at, status, answered_at)
    select ${q.brandId}::uuid,
      (array['x', 'reddit', 'bluesky'])[1 + h1 % 3],
      ${q.tag} || '-' || i,
      (array['Late delivery again, my parcel is missing', 'Charged twice on my bill, still no refund', 'App keeps crashing at checkout',
             'Courier never came', 'Love the new kettle', 'Great service today', 'Do you ship to Ireland?', 'Any news on my order?',
             'Parcel damaged on arrival', 'Support took ages to answer'])[1 + h2 % 10],
      'user' || (h3 * 7 % 50000),
      case when h4 % 4 = 0 then null else h4 * 3 end,
      posted,
      case when h2 % 10 in (0, 1, 2, 3, 8, 9) then 'negative' when h2 % 10 in (4, 5) then 'positive' else 'neutral' end,
      0, 0.8,
      case when h2 % 10 in (0, 1, 2, 3, 8, 9) then 'complaint' when h2 % 10 in (4, 5) then 'praise' when h5 % 50 = 0 then 'spam' else 'question' end,
      case when h2 % 10 in (0, 3, 8) then 'delivery' when h2 % 10 = 1 then 'billing' when h2 % 10 in (2, 9) then 'app' end,
      h5 % 50 = 0,
      1 + h5 % 4, 'bench',
      posted + make_interval(mins => (array[60, 120, 240, 480])[1 + h5 % 4]),
      case when h1 % 10 < 4 then 'answered' else 'open' end,
      case when h1 % 10 < 4 then posted + make_interval(mins => h6 % 600) end
    from (
      select i, ${q.start}::timestamptz + make_interval(secs => (i::float8 * ${span / 1000}) / ${q.rows}) as posted,
        abs(hashint4(i)) % 10000 as h1, abs(hashint4(i + 1000000000)) % 10000 as h2, abs(hashint4(i + 2000000000)) % 10000 as h3,
        abs(hashint4(-i)) % 10000 as h4, abs(hashint4(-i - 1000000000)) % 10000 as h5, abs(hashint4(-i - 2000000000)) % 10000 as h6
      from generate_series(0, ${q.rows - 1}) as i
    ) g
  `.execute(db);
  // Replies: one sent reply for each answered mention, from one of the agents.
  await sql`
    insert into replies (mention_id, user_id, text, idempotency_key, state, sent_at, updated_at)
    select id, (${q.agentIds}::uuid[])[1 + abs(hashtext(id::text)) % ${q.agentIds.length}], 'Thanks, we are on it',
      'bench-' || id, 'sent', answered_at, answered_at
    from mentions
    where brand_id = ${q.brandId} and external_id like ${q.tag + '-%'} and answered_at is not null
  `.execute(db);
  // The analyze stage keeps the rollups as it stores mentions; count these in the same way.
  await rebuildBrandRollups(db, q.brandId, q.start, q.end);
}
