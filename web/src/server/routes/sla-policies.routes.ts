import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, findBrand } from '@earshot/db';
import { SlaPolicyInputSchema } from '@earshot/policy';
import { SLA_POLICY_LABELS } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { scopeOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const BrandParamsSchema = z.object({ id: z.uuid('The brand id must be a UUID.') });

/** A brand's SLA policy: the response targets its mentions are held to. */
export function registerSlaPolicyRoutes(app: FastifyInstance, ctx: ServerContext): void {
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
}
