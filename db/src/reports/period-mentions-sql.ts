import { sql, type RawBuilder } from 'kysely';

export interface PeriodScope {
  brandId: string;
  /** Arrival range [start, end). */
  start: Date;
  end: Date;
  /** Replies sent after this instant are not counted: a report generated twice with one asOf reads the same. */
  asOf: Date;
}

/**
 * The common table expression every response figure is computed from: `pm`, the brand's
 * mentions of the period (`mentions_brand_posted_idx`) with their first response as of `asOf`
 * (`first_at`, `agent_id`: the earliest sent reply, kept on the mention by a trigger; one sent
 * later than asOf means none yet) and the flags the report's definitions name. Kept in one place
 * so the counts, the row-level list and the inbox filter agree.
 */
export function periodMentionsCtes(scope: PeriodScope): RawBuilder<unknown> {
  const { brandId, start, end, asOf } = scope;
  return sql`
    pm0 as (
      select m.id, m.posted_at, m.platform, m.priority, m.sentiment, m.intent, m.topic, m.author_handle, m.sla_due_at, m.status,
        case when m.first_response_at <= ${asOf} then m.first_response_at end as first_at,
        case when m.first_response_at <= ${asOf} then m.first_responder_id end as agent_id,
        (m.is_spam or m.intent = 'spam') as spam
      from mentions m
      where m.brand_id = ${brandId} and m.posted_at >= ${start} and m.posted_at < ${end}
    ),
    pm as (
      select pm0.*,
        first_at is not null as answered,
        first_at is not null and first_at <= sla_due_at as within,
        first_at is not null and first_at > sla_due_at as late,
        first_at is null and not spam and status not in ('closed', 'ignored') and sla_due_at <= ${asOf} as missed,
        first_at is null and not spam and status not in ('closed', 'ignored') and sla_due_at > ${asOf} as pending,
        not spam and (first_at >= ${end} or (first_at is null and status not in ('closed', 'ignored'))) as open_at_end,
        first_at is not null and first_at >= ${end} as answered_after
      from pm0
    )`;
}
