import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acknowledgeAlert,
  AppError,
  findAlert,
  findAlertRule,
  findBrand,
  insertAlertRule,
  listAlertHistory,
  listAlertRules,
  listOpenAlerts,
  listSourceDeliveries,
  markAlertFalseAlarm,
  resolveAlert,
  updateAlertRule,
  type AlertRule,
  type AlertView,
} from '@earshot/db';
import type { AlertDto } from '../../api/contract.ts';
import {
  AlertHistoryQuerySchema,
  ALERT_RULE_LABELS,
  AlertRuleBodySchema,
  AlertRulePatchSchema,
  type AlertDeliveryDto,
  type AlertDetailDto,
  type AlertHistoryPage,
  type AlertRuleDto,
  type AlertRuleKnobs,
} from '../../api/alerts-contract.ts';
import { roleAtLeast } from '../../api/roles.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { parseInput, parseInUserWords } from '../parse.ts';
import { announceAlertsChanged } from '../announce.ts';
import type { ServerContext } from '../server-context.ts';
import { restoreDeadlinesAfterClose } from './incidents.routes.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id in the address must be a UUID.') });

function toRuleDto(row: AlertRule): AlertRuleDto {
  return {
    id: row.id,
    brandId: row.brand_id,
    name: row.name,
    enabled: row.enabled,
    isDefault: row.is_default,
    rule: row.rule as AlertRuleKnobs,
    falseAlarmHours: row.false_alarm_hours,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDetailDto(a: AlertView): AlertDetailDto {
  return {
    id: a.id,
    kind: a.kind,
    brandId: a.brand_id,
    streamId: a.stream_id,
    ruleId: a.rule_id,
    ruleName: a.rule_name,
    message: a.message,
    status: a.status,
    createdAt: a.created_at.toISOString(),
    startedAt: a.started_at?.toISOString() ?? null,
    resolvedAt: a.resolved_at?.toISOString() ?? null,
    updatedAt: a.updated_at.toISOString(),
    peak: a.peak,
    total: a.total,
    details: a.details !== null && typeof a.details === 'object' ? (a.details as Record<string, unknown>) : null,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: a.acknowledged_by_name,
    outcome: a.outcome,
    handledAt: a.handled_at?.toISOString() ?? null,
    handledBy: a.handled_by_name,
  };
}

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
  const brandOr404 = async (request: FastifyRequest): Promise<string> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'brand id');
    if (!(await findBrand(ctx.db, id, scopeOf(request)))) throw new AppError('NOT_FOUND', `Brand ${id} not found; pick one of the brands listed.`);
    return id;
  };
  const alertOr404 = async (request: FastifyRequest, id: string): Promise<AlertView> => {
    const alert = await findAlert(ctx.db, id, scopeOf(request));
    if (!alert) throw new AppError('NOT_FOUND', `Alert ${id} not found; it may have belonged to a rule or brand that was deleted.`);
    return alert;
  };

  app.get('/api/alerts', async (request) => {
    const alerts: AlertDto[] = (await listOpenAlerts(ctx.db, scopeOf(request))).map((a) => ({
      id: a.id,
      kind: a.kind,
      streamId: a.stream_id,
      brandId: a.brand_id,
      ruleId: a.rule_id,
      message: a.message,
      createdAt: a.created_at.toISOString(),
      acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
      linkPath: alertLinkPath(a.details),
    }));
    return { alerts };
  });

  app.get('/api/brands/:id/alert-rules', async (request): Promise<{ rules: AlertRuleDto[] }> => {
    const brandId = await brandOr404(request);
    return { rules: (await listAlertRules(ctx.db, brandId)).map(toRuleDto) };
  });

  app.post('/api/brands/:id/alert-rules', async (request, reply) => {
    const brandId = await brandOr404(request);
    const body = parseInput(AlertRuleBodySchema, request.body, 'alert rule', ALERT_RULE_LABELS);
    const row = await insertAlertRule(ctx.db, { brandId, name: body.name, rule: compactRule(body.rule), enabled: body.enabled ?? true });
    await audit(ctx, request, 'alert_rule.created', { target: ['alert_rule', row.id], brandId, details: { name: row.name, rule: row.rule, enabled: row.enabled } });
    return reply.code(201).send({ rule: toRuleDto(row) });
  });

  app.patch('/api/alert-rules/:id', async (request): Promise<{ rule: AlertRuleDto }> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'rule id');
    const body = parseInput(AlertRulePatchSchema, request.body, 'alert rule', ALERT_RULE_LABELS);
    if (!(await findAlertRule(ctx.db, id, scopeOf(request)))) throw new AppError('NOT_FOUND', `Alert rule ${id} not found; it may have been deleted with its brand.`);
    const row = await updateAlertRule(ctx.db, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.rule !== undefined ? { rule: compactRule(body.rule) } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    });
    if (!row) throw new AppError('NOT_FOUND', `Alert rule ${id} not found; it may have been deleted with its brand.`);
    await audit(ctx, request, 'alert_rule.updated', { target: ['alert_rule', id], brandId: row.brand_id, details: { name: row.name, rule: row.rule, enabled: row.enabled } });
    return { rule: toRuleDto(row) };
  });

  app.get('/api/brands/:id/alerts', async (request): Promise<AlertHistoryPage> => {
    const brandId = await brandOr404(request);
    const q = parseInUserWords(AlertHistoryQuerySchema, request.query);
    let after: { createdAt: string; id: string } | undefined;
    if (q.after) {
      const [createdAt, id] = q.after.split('|') as [string, string];
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(createdAt)) throw new AppError('BAD_REQUEST', 'After must be the "next" value of the previous page.');
      after = { createdAt, id };
    }
    const rows = await listAlertHistory(ctx.db, {
      brandId,
      limit: q.limit + 1,
      ...(q.status ? { status: q.status } : {}),
      ...(q.ruleId ? { ruleId: q.ruleId } : {}),
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      ...(after ? { after } : {}),
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      alerts: page.map(toDetailDto),
      // To the microsecond: a Date (milliseconds) would skip alerts raised in the same millisecond.
      next: rows.length > q.limit && last ? `${last.created_at_exact}|${last.id}` : null,
    };
  });

  app.get('/api/alerts/:id', async (request): Promise<{ alert: AlertDetailDto; deliveries: AlertDeliveryDto[] }> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'alert id');
    const alert = await alertOr404(request, id);
    const manager = roleAtLeast(userOf(request).role, 'manager');
    const log = await listSourceDeliveries(ctx.db, alert.kind === 'spike' ? 'spike' : alert.kind, id);
    return {
      alert: toDetailDto(alert),
      deliveries: log.map((d) => ({
        id: d.id,
        title: d.title,
        createdAt: d.created_at.toISOString(),
        channelId: d.channel_id,
        channelName: d.channel_name,
        channelKind: d.channel_kind,
        state: d.state,
        attempts: d.attempts,
        lastError: manager ? d.last_error : null,
        responseStatus: d.response_status,
        releaseAt: d.release_at?.toISOString() ?? null,
        deliveredAt: d.delivered_at?.toISOString() ?? null,
      })),
    };
  });

  // Acknowledging and resolving share one shape: find the alert, act as the caller, read it back,
  // audit, tell dashboards; closing also gives back the deadlines an incident of it tightened.
  const actOnAlert =
    (act: (id: string, userId: string) => Promise<unknown>, action: 'alert.acknowledged' | 'alert.resolved', closes: boolean) =>
    async (request: FastifyRequest): Promise<{ alert: AlertDetailDto }> => {
      const { id } = parseInput(IdParamsSchema, request.params, 'alert id');
      await alertOr404(request, id);
      await act(id, userOf(request).id);
      const alert = await alertOr404(request, id);
      if (closes) await restoreDeadlinesAfterClose(ctx, id);
      await audit(ctx, request, action, { target: ['alert', id], brandId: alert.brand_id, details: { message: alert.message } });
      await announceAlertsChanged(ctx);
      return { alert: toDetailDto(alert) };
    };

  app.post('/api/alerts/:id/acknowledge', actOnAlert((id, userId) => acknowledgeAlert(ctx.db, id, userId), 'alert.acknowledged', false));

  app.post('/api/alerts/:id/resolve', actOnAlert((id, userId) => resolveAlert(ctx.db, id, userId), 'alert.resolved', true));

  app.post('/api/alerts/:id/false-alarm', async (request): Promise<{ alert: AlertDetailDto; hoursMarked: number[] }> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'alert id');
    const alert = await alertOr404(request, id);
    if (alert.rule_id === null)
      throw new AppError('BAD_REQUEST', 'Only spike alerts can be marked a false alarm; resolve this one instead.');
    const hoursMarked = (await markAlertFalseAlarm(ctx.db, id, userOf(request).id)) ?? [];
    await restoreDeadlinesAfterClose(ctx, id);
    await audit(ctx, request, 'alert.false_alarm', { target: ['alert', id], brandId: alert.brand_id, details: { message: alert.message, ruleId: alert.rule_id, hoursMarked } });
    await announceAlertsChanged(ctx);
    return { alert: toDetailDto(await alertOr404(request, id)), hoursMarked };
  });
}

/** Stores only what the user set: defaults stay defaults, so a later preset change reaches the rule. */
function compactRule(rule: AlertRuleKnobs): AlertRuleKnobs {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as AlertRuleKnobs;
}
