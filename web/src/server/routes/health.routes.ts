import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-context.ts';

/**
 * Probes for load balancers and orchestrators. Public (they carry no data beyond whether
 * PostgreSQL and Redis answer). Worker and collector processes serve none: the web role
 * reports on the dependencies they all share.
 */
export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Liveness: the process answers. It checks nothing else, so an orchestrator does not
  // restart a healthy process because PostgreSQL is away (restarting would not help).
  app.get('/healthz', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { status: 'alive' };
  });

  // Readiness: PostgreSQL and Redis both answer within a short timeout.
  app.get('/readyz', async (_request, reply) => {
    const result = await ctx.readiness.check();
    void reply.header('cache-control', 'no-store').code(result.status === 'ready' ? 200 : 503);
    return result;
  });
}
