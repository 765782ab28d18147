import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.ts';

/** The platforms this installation can listen on (the stream form's choices). */
export function registerPlatformRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/platforms', async () => ({ platforms: ctx.platforms.list() }));
}
