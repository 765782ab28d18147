import type { FastifyInstance } from 'fastify';
import { listOpenAlerts } from '@earshot/db';
import type { AlertDto } from '../../api/contract.ts';
import type { ServerContext } from '../server-context.ts';

export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/alerts', async () => {
    const alerts: AlertDto[] = (await listOpenAlerts(ctx.db)).map((a) => ({
      id: a.id,
      kind: a.kind,
      streamId: a.stream_id,
      brandId: a.brand_id,
      message: a.message,
      createdAt: a.created_at.toISOString(),
    }));
    return { alerts };
  });
}
