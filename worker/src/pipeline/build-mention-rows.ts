import type { CollectedMention, NewMention } from '@earshot/db';
import { classifyText, type LogitAdjustment } from '../analysis/index.ts';
import { scorePriority } from '../priority/index.ts';
import { computeDueAt, type SlaRules } from '@earshot/policy';

export interface BuildContext {
  brandId: string;
  streamId: string | null;
  platform: string;
  rules: SlaRules;
  /** Stored mentions per author handle in the hour before this batch. */
  recentByAuthor: Map<string, number>;
  /** The brand's overlay of the sentiment model (worker/src/brand-models), if it has one. */
  brandModel: LogitAdjustment | null;
}

/** Classifies a page of collected mentions and decides each one's priority and deadline. */
export function buildMentionRows(mentions: CollectedMention[], ctx: BuildContext): NewMention[] {
  // Earlier posts in the same page count as "recent" for later ones by the same author.
  const seenInBatch = new Map<string, number>();
  const ordered = [...mentions].sort((a, b) => a.postedAt.localeCompare(b.postedAt));
  return ordered.map((m) => {
    const analysis = classifyText(m.text, ctx.brandModel);
    const earlier = (ctx.recentByAuthor.get(m.author.handle) ?? 0) + (seenInBatch.get(m.author.handle) ?? 0);
    seenInBatch.set(m.author.handle, (seenInBatch.get(m.author.handle) ?? 0) + 1);
    const decision = scorePriority({
      analysis,
      text: m.text,
      author: { followers: m.author.followers, verified: m.author.verified },
      recentByAuthor: earlier,
    });
    const postedAt = new Date(m.postedAt);
    return {
      brand_id: ctx.brandId,
      stream_id: ctx.streamId,
      platform: ctx.platform,
      external_id: m.externalId,
      url: m.url,
      text: m.text,
      lang: m.lang,
      author_external_id: m.author.externalId,
      author_handle: m.author.handle,
      author_name: m.author.name,
      author_followers: m.author.followers,
      author_verified: m.author.verified,
      context_external_id: m.context?.externalId ?? null,
      context_author_handle: m.context?.authorHandle ?? null,
      context_text: m.context?.text ?? null,
      posted_at: postedAt,
      sentiment: analysis.sentiment,
      sentiment_score: analysis.score,
      confidence: analysis.confidence,
      intent: analysis.intent,
      topic: analysis.topic,
      is_spam: analysis.isSpam,
      priority: decision.priority,
      priority_reason: decision.reason,
      sla_due_at: computeDueAt(ctx.rules, decision.priority, postedAt),
    };
  });
}
