import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, countBrandContents, deleteBrand, ensureBrand, listBrands } from '@earshot/db';
import { scopeOf } from '../access.ts';
import { BRAND_DELETE_LABELS, BRAND_LABELS, BrandBodySchema, BrandDeleteBodySchema, type BrandDeletionDto } from '../../api/contract.ts';
import { fieldError, parseInput } from '../parse.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The brand id must be a UUID.') });

/** Brands: the ones the caller may see, adding one, and deleting one. */
export function registerBrandRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/brands', async (request) => ({
    brands: (await listBrands(ctx.db, scopeOf(request))).map((b) => ({ id: b.id, name: b.name, autoAssignCap: b.auto_assign_cap })),
  }));

  app.post('/api/brands', async (request, reply) => {
    const body = parseInput(BrandBodySchema, request.body, 'brand', BRAND_LABELS);
    // A caller limited to some brands would not see the brand made (and ensureBrand answers an
    // existing brand of the same name, which they may not know of).
    if (scopeOf(request).kind !== 'all') throw new AppError('FORBIDDEN', 'Your access is limited to some brands, so you cannot add one. Ask an admin to add the brand and give you access to it.');
    const brand = await ensureBrand(ctx.db, body.name);
    await audit(ctx, request, 'brand.created', { target: ['brand', brand.id], brandId: brand.id, details: { name: brand.name } });
    return reply.code(201).send({ brand: { id: brand.id, name: brand.name } });
  });

  // A brand is what its mentions are about: deleting it deletes its streams, mentions,
  // replies, notes, SLA policy, alert rules, alerts, incidents, rollups and reports, in one
  // transaction (db/src/brands/delete-brand.ts). That is what people expect of "delete brand"
  // (Sprout, Hootsuite), and the counts are shown first; a name typed to confirm keeps a
  // stray click from doing it. The audit log keeps the brand's history.

  app.get('/api/brands/:id/deletion', async (request): Promise<BrandDeletionDto> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'brand id');
    const contents = await countBrandContents(ctx.db, id, scopeOf(request));
    if (!contents) throw new AppError('NOT_FOUND', `Brand ${id} not found; it may have been deleted already.`);
    return { streams: contents.streams, mentions: contents.mentions, replies: contents.replies };
  });

  app.delete('/api/brands/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'brand id');
    const scope = scopeOf(request);
    // Existence (in the caller's scope) first: outside it, the answer is the same 404 whatever the body.
    const before = await countBrandContents(ctx.db, id, scope);
    if (!before) throw new AppError('NOT_FOUND', `Brand ${id} not found; it may have been deleted already.`);
    const body = parseInput(BrandDeleteBodySchema, request.body, 'brand deletion', BRAND_DELETE_LABELS);
    if (body.confirmName.trim() !== before.name) {
      throw fieldError([{ path: 'confirmName', message: `Type the brand name "${before.name}" exactly to confirm deleting it.` }]);
    }
    const deleted = await deleteBrand(ctx.db, id, scope);
    if (!deleted) throw new AppError('NOT_FOUND', `Brand ${id} not found; it may have been deleted already.`);
    await audit(ctx, request, 'brand.deleted', {
      target: ['brand', id],
      brandId: id,
      details: { name: deleted.name, streams: deleted.streams, mentions: deleted.mentions, replies: deleted.replies },
    });
    return reply.code(204).send();
  });
}
