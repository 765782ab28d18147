import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, SlaPolicyInputSchema, findBrand, findBrandAgreement, findMentionById, listBrandModelSummaries, listCorrectedFields, listTagsOfMentions } from '@earshot/db';
import { CorrectionBodySchema, SLA_POLICY_LABELS, type AgreementDto } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { toMentionDto } from '../to-dto.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const MentionParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });
const BrandParamsSchema = z.object({ id: z.uuid('The brand id must be a UUID.') });

/** SLA policies, agents' corrections of the model, and how often agents agree with it. */
export function registerQualityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const requireBrand = async (request: FastifyRequest, id: string) => {
    if (!(await findBrand(ctx.db, id, scopeOf(request)))) throw new AppError('NOT_FOUND', `Brand ${id} not found.`);
  };

  app.get('/api/brands/:id/sla-policy', async (request) => {
    const { id } = parseInput(BrandParamsSchema, request.params, 'brand id');
    await requireBrand(request, id);
    return { policy: await ctx.decisions.slaPolicyFor(id) };
  });

  app.put('/api/brands/:id/sla-policy', async (request) => {
    const { id } = parseInput(BrandParamsSchema, request.params, 'brand id');
    await requireBrand(request, id);
    // Checked here first so the problems come back in the form's words, by field; the worker
    // checks the same schema again when it applies the policy.
    parseInput(SlaPolicyInputSchema, request.body, 'SLA policy', SLA_POLICY_LABELS);
    const saved = await ctx.decisions.applySlaPolicy(id, request.body);
    await audit(ctx, request, 'sla_policy.saved', { target: ['brand', id], brandId: id, details: { policy: saved.policy, recomputed: saved.recomputed } });
    return saved;
  });

  app.post('/api/mentions/:id/corrections', async (request) => {
    const { id } = parseInput(MentionParamsSchema, request.params, 'mention id');
    const body = parseInput(CorrectionBodySchema, request.body, 'correction');
    const before = await findMentionById(ctx.db, id, scopeOf(request));
    if (!before) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const mention = await ctx.decisions.correctMention({ mentionId: id, userId: userOf(request).id, field: body.field, value: body.value });
    await audit(ctx, request, 'mention.corrected', { target: ['mention', id], brandId: mention.brand_id, details: { field: body.field, from: before[body.field], to: mention[body.field] } });
    await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id }).catch(() => undefined);
    const [tags, corrected] = await Promise.all([listTagsOfMentions(ctx.db, [id]), listCorrectedFields(ctx.db, id)]);
    return { mention: toMentionDto(mention, tags.get(id) ?? [], corrected) };
  });

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
