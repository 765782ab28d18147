import {
  AppError,
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
import { computeDueAt } from '../sla/compute-due-at.ts';
import { slaRulesFromPolicy } from '../sla/sla-rules-from-policy.ts';
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
 * match. Giving the value the mention already has changes and records nothing.
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
    const updated = await updateMentionLabels(trx, mention.id, patch);
    // The row is locked by this transaction, so it cannot have vanished.
    return updated!;
  });
}
