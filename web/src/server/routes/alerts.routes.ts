import type { FastifyInstance } from 'fastify';
import { listOpenAlerts } from '@earshot/db';
import type { AlertDto } from '../../api/contract.ts';
import type { ServerContext } from '../server-context.ts';

/**
 * Where an alert's "View mentions" goes: a spike's explanation link (its window's mentions) or an
 * SLA alert's (the brand's breached ones). Only dashboard paths, so a hand-edited row cannot
 * send anyone elsewhere.
 */
export function alertLinkPath(details: unknown): string | null {
  const d = (details ?? {}) as { linkPath?: unknown; explanation?: { linkPath?: unknown } };
  const path = d.explanation?.linkPath ?? d.linkPath;
  return typeof path === 'string' && path.startsWith('/inbox?') ? path : null;
}

export function registerAlertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/alerts', async () => {
    const alerts: AlertDto[] = (await listOpenAlerts(ctx.db)).map((a) => ({
      id: a.id,
      kind: a.kind,
      streamId: a.stream_id,
      brandId: a.brand_id,
      message: a.message,
      createdAt: a.created_at.toISOString(),
      linkPath: alertLinkPath(a.details),
    }));
    return { alerts };
  });
}
