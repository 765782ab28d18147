import type { FastifyInstance } from 'fastify';
import { listConnections } from '@earshot/db';
import type { PlatformDto } from '../../api/contract.ts';
import type { ServerContext } from '../server-context.ts';

/** The platforms this installation can listen on (the stream form's choices). */
export function registerPlatformRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // `configured` says whether credentials are stored (never which): the stream form warns a
  // manager, who cannot read the connections, before creating a stream that cannot poll.
  app.get('/api/platforms', async (): Promise<{ platforms: PlatformDto[] }> => {
    const stored = new Set((await listConnections(ctx.db)).map((c) => c.platform));
    return { platforms: ctx.platforms.list().map((p) => ({ ...p, configured: !p.needsCredentials || stored.has(p.platform) })) };
  });
}
