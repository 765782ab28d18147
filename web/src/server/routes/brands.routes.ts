import type { FastifyInstance } from 'fastify';
import { AppError, ensureBrand, listBrands } from '@earshot/db';
import { scopeOf } from '../access.ts';
import { BrandBodySchema } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

/** Brands: the ones the caller may see, and adding one. */
export function registerBrandRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/brands', async (request) => ({ brands: (await listBrands(ctx.db, scopeOf(request))).map((b) => ({ id: b.id, name: b.name })) }));

  app.post('/api/brands', async (request, reply) => {
    const body = parseInput(BrandBodySchema, request.body, 'brand');
    // A caller limited to some brands would not see the brand made (and ensureBrand answers an
    // existing brand of the same name, which they may not know of).
    if (scopeOf(request).kind !== 'all') throw new AppError('FORBIDDEN', 'Your access is limited to some brands, so you cannot add one. Ask an admin to add the brand and give you access to it.');
    const brand = await ensureBrand(ctx.db, body.name);
    await audit(ctx, request, 'brand.created', { target: ['brand', brand.id], brandId: brand.id, details: { name: brand.name } });
    return reply.code(201).send({ brand: { id: brand.id, name: brand.name } });
  });
}
