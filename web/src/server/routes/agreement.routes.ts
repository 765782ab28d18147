import type { FastifyInstance } from 'fastify';
import { findBrandAgreement, listBrandModelSummaries } from '@earshot/db';
import type { AgreementDto } from '../../api/contract.ts';
import { scopeOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

/** How often agents agree with the model, per brand, and what each brand's own model learnt. */
export function registerAgreementRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/agreement', async (request) => {
    const [agreement, models] = await Promise.all([findBrandAgreement(ctx.db, scopeOf(request)), listBrandModelSummaries(ctx.db)]);
    const modelOf = new Map(models.map((m) => [m.brand_id, m]));
    const brands: AgreementDto[] = agreement.map((b) => {
      const m = modelOf.get(b.brandId);
      const learntUntil = m?.labels_until?.getTime() ?? -Infinity;
      return {
        brandId: b.brandId,
        brandName: b.brandName,
        analysed: b.analysed,
        corrections: b.corrections,
        overruled: b.overruled,
        agreement: b.agreement,
        brandModel: m
          ? {
              labels: m.labels,
              confirmations: m.confirmations,
              trainedAt: m.trained_at.toISOString(),
              scored: m.evaluation.scored,
              baseAgreement: m.evaluation.baseAgreement,
              brandAgreement: m.evaluation.brandAgreement,
              changedShare: m.evaluation.changedShare,
              kept: m.evaluation.kept,
            }
          : null,
        brandModelPending: b.latestLabelAt !== null && b.latestLabelAt.getTime() > learntUntil,
      };
    });
    return { brands };
  });
}
