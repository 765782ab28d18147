import {
  type BrandModelEvaluation,
  findBrandModel,
  listCorrectionsForTraining,
  listUncorrectedMentions,
  type Sentiment,
  upsertBrandModel,
} from '@earshot/db';
import { getDefaultModel, type SentimentModel } from '../analysis/index.ts';
import { type BrandExample, crossValidateOverlay, DEFAULT_OVERLAY_OPTIONS, type OverlayOptions, trainOverlay } from './train-overlay.ts';
import type { Database } from '@earshot/db';

/** How much an answered, uncorrected mention counts against a correction (1). */
export const CONFIRMATION_WEIGHT = 0.2;
/** Answered, uncorrected mentions used as anchors, newest first. */
export const MAX_CONFIRMATIONS = 1_000;
/** Newest human labels learnt from: bounds training to a few seconds of CPU in the worker. */
export const MAX_LABELS = 2_000;
/** Recent uncorrected mentions on which the share of changed labels is measured. */
const CHANGED_SAMPLE = 500;

/** What an agent's intent says about sentiment: a complaint is negative, praise positive, the rest nothing. */
const SENTIMENT_OF_INTENT: Record<string, Sentiment | undefined> = { complaint: 'negative', praise: 'positive' };

export interface RetrainOutcome {
  /** False when the brand model already learnt every correction on this shared model (and `force` was not given). */
  trained: boolean;
  /** False when a concurrent training with newer corrections stored its model first. */
  stored: boolean;
  labels: number;
  confirmations: number;
  /** Feature rows the overlay changes. */
  rows: number;
  evaluation: BrandModelEvaluation;
}

/**
 * Trains a brand's overlay of the shared sentiment model from its agents' corrections and
 * stores it (brand_models). Labels: each mention's latest sentiment correction, else its
 * latest intent correction when that implies a sentiment (complaint → negative, praise →
 * positive); the newest {@link MAX_LABELS}. Anchors: mentions agents answered without
 * correcting, at a fifth of the weight, which keep the overlay from drifting where agents
 * agreed with the model. An overlay that cross-validates worse than the shared model on the
 * brand's reviewed mentions is stored empty (`evaluation.kept` false): it changes nothing.
 */
export async function retrainBrandModel(
  db: Database,
  brandId: string,
  options: { model?: SentimentModel; force?: boolean; overlay?: OverlayOptions } = {},
): Promise<RetrainOutcome> {
  const model = options.model ?? getDefaultModel();
  // Sentiment and intent labels; priority is not a language label.
  const corrections = (await listCorrectionsForTraining(db, { brandId })).filter((c) => c.field !== 'priority');
  const labelsUntil = corrections.reduce<Date | null>((max, c) => (max === null || c.correctedAt > max ? c.correctedAt : max), null);
  const current = await findBrandModel(db, brandId);
  if (
    !options.force &&
    current !== undefined &&
    current.base_model === model.fingerprint &&
    (labelsUntil === null || (current.labels_until !== null && current.labels_until >= labelsUntil))
  ) {
    return { trained: false, stored: false, labels: current.labels, confirmations: current.confirmations, rows: -1, evaluation: current.evaluation };
  }

  const byMention = new Map<string, { example: BrandExample; at: number }>();
  for (const c of corrections) {
    const label = c.field === 'sentiment' ? (c.value as Sentiment) : SENTIMENT_OF_INTENT[c.value];
    if (label === undefined) continue;
    // A sentiment correction outranks what an intent implies.
    if (byMention.has(c.mentionId) && c.field === 'intent') continue;
    byMention.set(c.mentionId, { example: { id: c.mentionId, text: c.text, label, weight: 1 }, at: c.correctedAt.getTime() });
  }
  const labels = [...byMention.values()]
    .sort((a, b) => b.at - a.at || a.example.id.localeCompare(b.example.id))
    .slice(0, MAX_LABELS)
    .map((l) => l.example);
  const confirmed = await listUncorrectedMentions(db, brandId, { answeredOnly: true, limit: MAX_CONFIRMATIONS });
  const anchors: BrandExample[] = confirmed.map((m) => ({ id: m.id, text: m.text, label: m.sentiment, weight: CONFIRMATION_WEIGHT }));
  const examples = labels.length > 0 ? [...labels, ...anchors] : [];
  const overlayOptions = options.overlay ?? DEFAULT_OVERLAY_OPTIONS;

  // Kept only if, on reviewed mentions it was not trained on, it agrees with the agents at
  // least as often as the shared model (or there are too few to tell, and it can change little).
  const cv = await crossValidateOverlay(model, examples, overlayOptions);
  const kept = examples.length > 0 && (cv.scored === 0 || cv.brandAgreement! >= cv.baseAgreement!);
  const overlay = trainOverlay(model, kept ? examples : [], overlayOptions);
  const recent = await listUncorrectedMentions(db, brandId, { answeredOnly: false, limit: CHANGED_SAMPLE });
  const changed = recent.filter((m) => model.classify(m.text).sentiment !== model.classify(m.text, overlay).sentiment).length;
  const evaluation: BrandModelEvaluation = { ...cv, changedShare: recent.length === 0 ? null : changed / recent.length, kept };
  const json = overlay.toJson();
  const stored = await upsertBrandModel(db, {
    brandId,
    baseModel: model.fingerprint,
    overlay: json,
    labels: labels.length,
    confirmations: anchors.length,
    evaluation,
    labelsUntil,
  });
  return { trained: true, stored, labels: labels.length, confirmations: anchors.length, rows: json.rows.length, evaluation };
}
