import type { FastifyInstance } from 'fastify';
import { listBrands, listStreams } from '@earshot/db';
import { toStreamDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';

export function registerCatalogRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/brands', async () => ({ brands: (await listBrands(ctx.db)).map((b) => ({ id: b.id, name: b.name })) }));
  app.get('/api/streams', async () => ({ streams: (await listStreams(ctx.db)).map((s) => toStreamDto(s)) }));
}
