import { type JobPayload, type Runtime } from '@earshot/db';
import { retrainBrandModel, type RetrainOutcome } from '../brand-models/index.ts';

/**
 * Retrains one brand's overlay from its corrections, unless it already learnt them all. Safe
 * to run twice or concurrently: a run that finds nothing new does nothing, and of two
 * concurrent runs the one that saw newer corrections is the one kept.
 */
export async function handleTrainBrandModel(runtime: Runtime, payload: JobPayload<'trainBrandModel'>): Promise<RetrainOutcome> {
  const outcome = await retrainBrandModel(runtime.db, payload.brandId);
  if (outcome.trained) {
    runtime.logger.info('brand model trained', {
      brandId: payload.brandId,
      labels: outcome.labels,
      confirmations: outcome.confirmations,
      rows: outcome.rows,
      baseAgreement: outcome.evaluation.baseAgreement,
      brandAgreement: outcome.evaluation.brandAgreement,
    });
  }
  return outcome;
}
