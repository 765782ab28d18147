import {
  AppError,
  countRecentByAuthors,
  findMentionForUpdate,
  findModelValue,
  findSlaPolicy,
  insertCorrection,
  updateMentionLabels,
  type CorrectionField,
  type Database,
  type Mention,
  type MentionLabelsPatch,
} from '@earshot/db';
import { scorePriority, REASON_MAX_LENGTH } from '../priority/score-priority.ts';
import { computeDueAt } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { parseCorrectionValue } from './correction-value.ts';

export interface CorrectMentionInput {
  mentionId: string;
  /** The agent; null when no person is signed in (e.g. a script). */
  userId: string | null;
  field: CorrectionField;
  value: string | number;
}

/**
 * An agent overrules the model on one field of a mention. Records the correction (with what the
 * model first said, even if an agent changed it since) and updates the mention in one
 * transaction; returns the updated mention. A new priority on an open mention gets a new
 * deadline from the brand's SLA policy, counted from arrival; an answered or closed mention keeps
 * the deadline it was measured against. Correcting intent to or from spam sets `is_spam` to
 * match. A new sentiment or intent recomputes the priority (and an open mention's deadline) from
 * the corrected labels, as the analysis would have with them, unless an agent set the priority
 * by hand: that stays. Giving the value the mention already has changes and records nothing.
 * Throws AppError BAD_REQUEST for a value the field does not take, NOT_FOUND for an unknown mention.
 */
export async function correctMention(db: Database, input: CorrectMentionInput): Promise<Mention> {
  const parsed = parseCorrectionValue(input.field, input.value);
  if (!parsed.ok) throw new AppError('BAD_REQUEST', parsed.message);
  const { correction } = parsed;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.mentionId)) {
    throw new AppError('NOT_FOUND', `Mention ${input.mentionId} not found.`);
  }

  return db.transaction().execute(async (trx) => {
    // Locked, so two agents correcting the same mention apply one after the other.
    const mention = await findMentionForUpdate(trx, input.mentionId);
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${input.mentionId} not found.`);
    const current = String(mention[correction.field]);
    const next = String(correction.value);
    if (current === next) return mention;

    const modelValue = (await findModelValue(trx, mention.id, correction.field)) ?? current;
    await insertCorrection(trx, {
      mention_id: mention.id,
      brand_id: mention.brand_id,
      user_id: input.userId,
      field: correction.field,
      model_value: modelValue,
      corrected_value: next,
    });

    let patch: MentionLabelsPatch;
    switch (correction.field) {
      case 'sentiment':
        patch = { sentiment: correction.value };
        break;
      case 'intent':
        patch = { intent: correction.value, is_spam: correction.value === 'spam' };
        break;
      case 'priority': {
        patch = { priority: correction.value, priority_reason: `set by agent (was P${current})` };
        if (mention.status === 'open') {
          const rules = slaRulesFromPolicy(await findSlaPolicy(trx, mention.brand_id));
          patch.sla_due_at = computeDueAt(rules, correction.value, mention.posted_at);
        }
        break;
      }
    }
    if (correction.field !== 'priority' && (await findModelValue(trx, mention.id, 'priority')) === undefined) {
      Object.assign(patch, await rescore(trx, { ...mention, ...patch }));
    }
    const updated = await updateMentionLabels(trx, mention.id, patch);
    // The row is locked by this transaction, so it cannot have vanished.
    return updated!;
  });
}

/**
 * The priority (and, open, the deadline) the analysis would give the mention with its corrected
 * labels. The model's score counts only where it agrees with the label: an agent's "negative" on a
 * text the model scored positive counts as plainly negative, with full confidence.
 */
async function rescore(trx: Database, m: Mention): Promise<MentionLabelsPatch> {
  const agrees = m.sentiment === 'negative' ? m.sentiment_score < 0 : m.sentiment === 'positive' ? m.sentiment_score > 0 : Math.abs(m.sentiment_score) < 0.2;
  const score = agrees ? m.sentiment_score : m.sentiment === 'negative' ? -0.5 : m.sentiment === 'positive' ? 0.5 : 0;
  const hourBefore = new Date(m.posted_at.getTime() - 3_600_000);
  const recent = (await countRecentByAuthors(trx, m.brand_id, [m.author_handle], hourBefore, m.posted_at)).get(m.author_handle) ?? 0;
  const decision = scorePriority({
    analysis: { sentiment: m.sentiment, score, confidence: agrees ? m.confidence : 1, intent: m.intent, topic: m.topic, isSpam: m.is_spam },
    text: m.text,
    author: { followers: m.author_followers, verified: m.author_verified },
    recentByAuthor: recent,
  });
  const marked = `${decision.reason} · relabelled`;
  const patch: MentionLabelsPatch = { priority: decision.priority, priority_reason: marked.length <= REASON_MAX_LENGTH ? marked : decision.reason };
  if (m.status === 'open' && decision.priority !== m.priority) {
    patch.sla_due_at = computeDueAt(slaRulesFromPolicy(await findSlaPolicy(trx, m.brand_id)), decision.priority, m.posted_at);
  }
  return patch;
}
