import type { Kysely } from 'kysely';
import {
  type BrandModelEvaluation,
  type DB,
  findBrandModel,
  listCorrectionsForTraining,
  listUncorrectedMentions,
  type Sentiment,
  upsertBrandModel,
} from '@earshot/db';
import { getDefaultModel, type SentimentModel } from '../analysis/index.ts';
import { type BrandExample, crossValidateOverlay, DEFAULT_OVERLAY_OPTIONS, type OverlayOptions, trainOverlay } from './train-overlay.ts';

/** How much an answered, uncorrected mention counts against a correction (1). */
export const CONFIRMATION_WEIGHT = 0.2;
/** Answered, uncorrected mentions used as anchors, newest first. */
export const MAX_CONFIRMATIONS = 1_000;
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
 * positive). Anchors: mentions agents answered without correcting, at a fifth of the weight,
 * which keep the overlay from drifting where agents agreed with the model.
 */
export async function retrainBrandModel(
  db: Kysely<DB>,
  brandId: string,
  options: { model?: SentimentModel; force?: boolean; overlay?: OverlayOptions } = {},
): Promise<RetrainOutcome> {
  const model = options.model ?? getDefaultModel();
  const corrections = [
    ...(await listCorrectionsForTraining(db, { brandId, field: 'sentiment' })),
    ...(await listCorrectionsForTraining(db, { brandId, field: 'intent' })),
  ];
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

  const byMention = new Map<string, BrandExample>();
  for (const c of corrections) {
    const label = c.field === 'sentiment' ? (c.value as Sentiment) : SENTIMENT_OF_INTENT[c.value];
    if (label === undefined) continue;
    // A sentiment correction outranks what an intent implies.
    if (byMention.has(c.mentionId) && c.field === 'intent') continue;
    byMention.set(c.mentionId, { id: c.mentionId, text: c.text, label, weight: 1, human: true });
  }
  const labels = [...byMention.values()].sort((a, b) => a.id.localeCompare(b.id));
  const confirmed = await listUncorrectedMentions(db, brandId, { answeredOnly: true, limit: MAX_CONFIRMATIONS });
  const anchors: BrandExample[] = confirmed.map((m) => ({ id: m.id, text: m.text, label: m.sentiment, weight: CONFIRMATION_WEIGHT, human: false }));
  const examples = [...labels, ...anchors];
  const overlayOptions = options.overlay ?? DEFAULT_OVERLAY_OPTIONS;

  const overlay = labels.length > 0 ? trainOverlay(model, examples, overlayOptions) : trainOverlay(model, [], overlayOptions);
  const cv = crossValidateOverlay(model, examples, overlayOptions);
  const recent = await listUncorrectedMentions(db, brandId, { answeredOnly: false, limit: CHANGED_SAMPLE });
  const changed = recent.filter((m) => model.classify(m.text).sentiment !== model.classify(m.text, overlay).sentiment).length;
  const evaluation: BrandModelEvaluation = { ...cv, changedShare: recent.length === 0 ? null : changed / recent.length };
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
