import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, findReportSnapshotById, listBrands, listReportSnapshots } from '@earshot/db';
import { parseInput } from '../parse.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });

/**
 * Stored weekly reports (built by the worker: worker/src/reports), as they were stored: the list
 * of a brand's, and one report's JSON, whose every figure carries the inbox filter behind it.
 */
export function registerReportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/brands/:id/reports', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'brand id');
    if (!(await listBrands(ctx.db)).some((b) => b.id === id)) throw new AppError('NOT_FOUND', `Brand ${id} not found.`);
    const reports = (await listReportSnapshots(ctx.db, id)).map((r) => ({
      id: r.id,
      period: r.period_label,
      periodStart: r.period_start.toISOString(),
      periodEnd: r.period_end.toISOString(),
      asOf: r.as_of.toISOString(),
      generatedAt: r.generated_at.toISOString(),
    }));
    return { reports };
  });

  app.get('/api/reports/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'report id');
    const stored = await findReportSnapshotById(ctx.db, id);
    if (!stored) throw new AppError('NOT_FOUND', `Report ${id} not found; list a brand's reports at /api/brands/:id/reports.`);
    return { id: stored.id, generatedAt: stored.generated_at.toISOString(), report: stored.report };
  });
}
