import type { Mention, Reply, Stream, User } from '@earshot/db';
import type { MentionDto, ReplyDto, StreamDto, TagDto, UserDto } from '../api/contract.ts';

export function toUserDto(user: User): UserDto {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function toMentionDto(m: Mention, tags: TagDto[] = [], corrected?: MentionDto['corrected']): MentionDto {
  return {
    id: m.id,
    brandId: m.brand_id,
    platform: m.platform,
    externalId: m.external_id,
    url: m.url,
    text: m.text,
    author: { handle: m.author_handle, name: m.author_name, followers: m.author_followers, verified: m.author_verified },
    context: m.context_external_id
      ? { externalId: m.context_external_id, authorHandle: m.context_author_handle, text: m.context_text }
      : null,
    postedAt: m.posted_at.toISOString(),
    sentiment: m.sentiment,
    sentimentScore: m.sentiment_score,
    confidence: m.confidence,
    intent: m.intent,
    topic: m.topic,
    isSpam: m.is_spam,
    priority: m.priority,
    priorityReason: m.priority_reason,
    slaDueAt: m.sla_due_at.toISOString(),
    status: m.status,
    answeredAt: m.answered_at?.toISOString() ?? null,
    assigneeId: m.assignee_id,
    followUpAt: m.follow_up_at?.toISOString() ?? null,
    tags,
    ...(corrected !== undefined ? { corrected } : {}),
  };
}

export function toReplyDto(r: Reply & { user_name?: string | null }): ReplyDto {
  return {
    id: r.id,
    mentionId: r.mention_id,
    text: r.text,
    state: r.state,
    url: r.url,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    userName: r.user_name ?? null,
  };
}

export function toStreamDto(s: Stream, now = new Date()): StreamDto {
  const today = now.toISOString().slice(0, 10);
  const month = now.toISOString().slice(0, 7);
  const readsThisMonth = s.budget_month === month ? s.reads_this_month : 0;
  return {
    id: s.id,
    brandId: s.brand_id,
    platform: s.platform,
    name: s.name,
    enabled: s.enabled,
    query: s.query,
    pollIntervalMs: s.poll_interval_ms,
    health: {
      state: streamState(s, now, readsThisMonth),
      failingSince: s.failing_since?.toISOString() ?? null,
      lastPollAt: s.last_poll_at?.toISOString() ?? null,
      lastSuccessAt: s.last_success_at?.toISOString() ?? null,
      lastError: s.last_error,
      notice: s.last_notice,
      noticeAt: s.last_notice_at?.toISOString() ?? null,
      rateLimitedUntil: s.rate_limited_until && s.rate_limited_until > now ? s.rate_limited_until.toISOString() : null,
      fetchedToday: s.fetched_day && s.fetched_day.toISOString().slice(0, 10) === today ? s.fetched_today : 0,
      readsThisMonth,
      readBudgetMonthly: s.read_budget_monthly,
    },
  };
}

function streamState(s: Stream, now: Date, readsThisMonth: number): StreamDto['health']['state'] {
  if (!s.enabled) return 'disabled';
  if (s.rate_limited_until && s.rate_limited_until > now) return 'rate-limited';
  if (s.read_budget_monthly !== null && readsThisMonth >= s.read_budget_monthly) return 'budget-exhausted';
  if (s.failing_since) return 'failing';
  if (!s.last_success_at) return 'pending';
  return 'ok';
}
