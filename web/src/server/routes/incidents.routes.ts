import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  countIncidentProgress,
  findIncident,
  findTightenedIncidentByAlert,
  insertIncidentHoldingReplies,
  listIncidentMentions,
  listIncidentPlatforms,
  listOpenIncidents,
  setIncidentDeadlineFactor,
  type IncidentView,
} from '@earshot/db';
import {
  HoldingReplyBodySchema,
  INCIDENT_MENTIONS_SHOWN,
  IncidentDeadlinesBodySchema,
  IncidentListQuerySchema,
  type IncidentDetail,
  type IncidentDto,
  type IncidentSummaryDto,
} from '../../api/incidents-contract.ts';
import { requireBrandInScope, scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { parseInput, parseInUserWords } from '../parse.ts';
import { announceAlertsChanged } from '../announce.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The incident id in the address must be a UUID.') });

function toIncidentDto(i: IncidentView): IncidentDto {
  return {
    id: i.id,
    alertId: i.alert_id,
    brandId: i.brand_id,
    brandName: i.brand_name,
    message: i.message,
    terms: i.terms,
    status: i.resolved_at === null ? 'open' : 'closed',
    startedAt: i.started_at?.toISOString() ?? null,
    createdAt: i.created_at.toISOString(),
    acknowledgedAt: i.acknowledged_at?.toISOString() ?? null,
    outcome: i.outcome,
    deadlineFactor: i.deadline_factor,
    deadlineSince: i.deadline_since?.toISOString() ?? null,
    deadlineSetBy: i.deadline_set_by_name,
    holdingText: i.holding_text,
  };
}

export function registerIncidentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const incidentOr404 = async (request: FastifyRequest): Promise<IncidentView> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'incident id');
    const incident = await findIncident(ctx.db, id, scopeOf(request));
    if (!incident) throw new AppError('NOT_FOUND', `Incident ${id} not found; it may have belonged to an alert or brand that was deleted.`);
    return incident;
  };

  app.get('/api/incidents', async (request): Promise<{ incidents: IncidentSummaryDto[] }> => {
    const q = parseInUserWords(IncidentListQuerySchema, request.query);
    if (q.brandId !== undefined) requireBrandInScope(request, q.brandId);
    const rows = await listOpenIncidents(ctx.db, scopeOf(request), q.brandId);
    return {
      incidents: rows.map((r) => ({
        id: r.id,
        alertId: r.alert_id,
        brandId: r.brand_id,
        brandName: r.brand_name,
        message: r.message,
        startedAt: r.started_at?.toISOString() ?? null,
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
        deadlineFactor: r.deadline_factor,
        mentions: r.mentions,
      })),
    };
  });

  app.get('/api/incidents/:id', async (request): Promise<IncidentDetail> => {
    const incident = await incidentOr404(request);
    const [progress, mentions] = await Promise.all([
      countIncidentProgress(ctx.db, incident.id),
      listIncidentMentions(ctx.db, incident.id, INCIDENT_MENTIONS_SHOWN),
    ]);
    return {
      incident: toIncidentDto(incident),
      progress,
      mentions: mentions.map((m) => ({
        id: m.id,
        platform: m.platform,
        authorHandle: m.author_handle,
        text: m.text,
        url: m.url,
        postedAt: m.posted_at.toISOString(),
        status: m.status,
        replyState: m.reply_state,
        replyUrl: m.reply_url,
      })),
    };
  });

  // One reply row per grouped mention, keyed by incident and mention: a second click (or a
  // retried request) queues only the mentions that joined since; the publisher posts each once.
  app.post('/api/incidents/:id/holding-reply', async (request, reply) => {
    const incident = await incidentOr404(request);
    const body = parseInUserWords(HoldingReplyBodySchema, request.body);
    for (const platform of await listIncidentPlatforms(ctx.db, incident.id)) {
      const check = ctx.platforms.checkReply(platform, body.text);
      if (!check.ok) throw new AppError('BAD_REQUEST', check.message);
    }
    const user = userOf(request);
    const created = await ctx.db
      .transaction()
      .execute((trx) => insertIncidentHoldingReplies(trx, { incidentId: incident.id, userId: user.id, text: body.text }));
    if (created.length > 0) {
      await audit(ctx, request, 'incident.holding_reply_sent', {
        target: ['incident', incident.id],
        brandId: incident.brand_id,
        details: { text: body.text, mentions: created.length },
      });
    }
    for (const r of created) {
      try {
        await ctx.bus.enqueue('publishReply', { replyId: r.id });
      } catch (error) {
        // Stored as queued; the collectors' sweeper queues it once Redis is back.
        ctx.logger.warn('could not queue holding reply; the sweeper will', { replyId: r.id, error: String(error) });
        break;
      }
    }
    await announceAlertsChanged(ctx);
    return reply.code(202).send({ queued: created.length, progress: await countIncidentProgress(ctx.db, incident.id) });
  });

  app.put('/api/incidents/:id/deadlines', async (request): Promise<{ incident: IncidentDto; recomputed: number }> => {
    const incident = await incidentOr404(request);
    const body = parseInUserWords(IncidentDeadlinesBodySchema, request.body);
    if (incident.resolved_at !== null && body.factor !== null)
      throw new AppError('BAD_REQUEST', 'This incident is over; deadlines can only be shortened while it is open.');
    await setIncidentDeadlineFactor(ctx.db, { incidentId: incident.id, factor: body.factor, userId: userOf(request).id });
    // Lifting the tighter deadlines gives back the normal ones to the mentions that got them.
    const recomputed =
      body.factor === null && incident.deadline_since !== null
        ? await ctx.decisions.restoreIncidentDeadlines(incident.brand_id, incident.deadline_since)
        : 0;
    await audit(ctx, request, 'incident.deadlines_changed', {
      target: ['incident', incident.id],
      brandId: incident.brand_id,
      details: { factor: body.factor, recomputed },
    });
    await announceAlertsChanged(ctx);
    return { incident: toIncidentDto((await findIncident(ctx.db, incident.id, scopeOf(request)))!), recomputed };
  });
}

/**
 * After a person resolves an incident's alert (or marks it a false alarm), the deadlines it had
 * tightened go back to normal for the mentions still open.
 */
export async function restoreDeadlinesAfterClose(ctx: ServerContext, alertId: string): Promise<void> {
  const row = await findTightenedIncidentByAlert(ctx.db, alertId);
  if (row) await ctx.decisions.restoreIncidentDeadlines(row.brand_id, row.deadline_since);
}
