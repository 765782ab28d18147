import type { FastifyInstance } from 'fastify';
import { listBrands, listStreams } from '@earshot/db';
import { scopeOf } from '../access.ts';
import { toStreamDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';

export function registerCatalogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/brands', async (request) => ({ brands: (await listBrands(ctx.db, scopeOf(request))).map((b) => ({ id: b.id, name: b.name, autoAssignCap: b.auto_assign_cap })) }));
  app.get('/api/streams', async (request) => ({ streams: (await listStreams(ctx.db, scopeOf(request))).map((s) => toStreamDto(s)) }));
}
