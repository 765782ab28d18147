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
 * The common table expressions every response figure is computed from:
 * `fr` — each of the period's mentions' first response (earliest reply in state 'sent' by
 * `asOf`) and who sent it, served by `replies_first_sent_idx`; and `pm` — the brand's mentions
 * of the period (`mentions_brand_posted_idx`) with `first_at`, `agent_id` and the flags that
 * the report's definitions name. Kept in one place so the summary and the inbox filter agree.
 */
export function periodMentionsCtes(scope: PeriodScope): RawBuilder<unknown> {
  const { brandId, start, end, asOf } = scope;
  return sql`
    fr as (
      select distinct on (r.mention_id) r.mention_id, r.sent_at as first_at, r.user_id as agent_id
      from replies r
      where r.state = 'sent' and r.sent_at >= ${start} and r.sent_at <= ${asOf}
      order by r.mention_id, r.sent_at, r.id
    ),
    pm as (
      select m.id, m.posted_at, m.platform, m.priority, m.sentiment, m.intent, m.topic, m.author_handle, m.sla_due_at,
        fr.first_at, fr.agent_id,
        (m.is_spam or m.intent = 'spam') as spam,
        fr.first_at is not null as answered,
        fr.first_at is not null and fr.first_at <= m.sla_due_at as within,
        fr.first_at is not null and fr.first_at > m.sla_due_at as late,
        fr.first_at is null and not (m.is_spam or m.intent = 'spam') and m.status <> 'closed' and m.sla_due_at <= ${asOf} as missed,
        fr.first_at is null and not (m.is_spam or m.intent = 'spam') and m.status <> 'closed' and m.sla_due_at > ${asOf} as pending,
        not (m.is_spam or m.intent = 'spam') and (fr.first_at >= ${end} or (fr.first_at is null and m.status <> 'closed')) as open_at_end,
        fr.first_at is not null and fr.first_at >= ${end} as answered_after
      from mentions m
      left join fr on fr.mention_id = m.id
      where m.brand_id = ${brandId} and m.posted_at >= ${start} and m.posted_at < ${end}
    )`;
}
