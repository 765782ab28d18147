import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  deleteNotificationChannel,
  findNotificationChannel,
  generateWebhookSecret,
  insertNotification,
  insertNotificationChannel,
  findBrand,
  inBrandScope,
  listNotificationChannels,
  listChannelDeliveries,
  listNotificationDeliveries,
  type NotificationDelivery,
  queueNotificationDeliveries,
  storeWebhookSecret,
  updateNotificationChannel,
  type NotificationChannel,
} from '@earshot/db';
import { CHANNEL_LABELS, ChannelPatchBodySchema, NewChannelBodySchema, type ChannelDto, type DeliveryLogDto } from '../../api/channels-contract.ts';
import { fieldError, parseInput } from '../parse.ts';
import { describeIssues } from '../../api/field-labels.ts';
import { scopeOf, userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';
import { audit } from '../audit.ts';

const IdParamsSchema = z.object({ id: z.uuid('must be a channel or notification id') });

/** Where alerts and reports are delivered, and how each delivery went. Managers and admins (ROUTE_ACCESS): channels reach outside Earshot. */
export function registerChannelRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A channel of one brand carries only that brand's alerts; one for every brand (brand_id null)
  // carries all of them, so a caller limited to some brands sees only their brands' channels.
  const channelOr404 = async (request: FastifyRequest, id: string): Promise<NotificationChannel> => {
    const channel = await findNotificationChannel(ctx.db, id);
    if (!channel || !inBrandScope(scopeOf(request), channel.brand_id)) throw new AppError('NOT_FOUND', `Notification channel ${id} does not exist.`);
    return channel;
  };

  app.get('/api/notification-channels', async (request) => {
    const scope = scopeOf(request);
    return { channels: (await listNotificationChannels(ctx.db)).filter((c) => inBrandScope(scope, c.brand_id)).map(toChannelDto) };
  });

  app.post('/api/notification-channels', async (request, reply) => {
    const body = parseInput(NewChannelBodySchema, request.body, 'channel', CHANNEL_LABELS);
    if (body.brandId === null && scopeOf(request).kind !== 'all') {
      throw new AppError('FORBIDDEN', 'Your access is limited to some brands: pick one of them for this channel (a channel for every brand is set up by an admin).');
    }
    if (body.brandId !== null && !(await findBrand(ctx.db, body.brandId, scopeOf(request)))) {
      throw new AppError('NOT_FOUND', `Brand ${body.brandId} does not exist.`);
    }
    const common = {
      brandId: body.brandId,
      name: body.name,
      minSeverity: body.minSeverity,
      quietHours: body.quietHours,
      enabled: body.enabled,
    };
    let signingSecret: string | undefined;
    let channel: NotificationChannel;
    if (body.kind === 'webhook') {
      signingSecret = body.signingSecret ?? generateWebhookSecret();
      channel = await insertNotificationChannel(ctx.db, {
        ...common,
        kind: 'webhook',
        config: body.config,
        signingSecret: storeWebhookSecret(ctx.credentialBox, signingSecret),
      });
    } else {
      channel = await insertNotificationChannel(ctx.db, {
        ...common,
        kind: 'email',
        config: body.config,
      });
    }
    ctx.logger.info('notification channel created', {
      channelId: channel.id,
      kind: channel.kind,
      by: userOf(request).email,
    });
    // Which fields changed, not their values: a webhook URL or secret can be a credential.
    await audit(ctx, request, 'notification_channel.created', { target: ['notification_channel', channel.id], brandId: channel.brand_id, details: { name: channel.name, kind: channel.kind } });
    return reply
      .code(201)
      .send({ channel: toChannelDto(channel), ...(signingSecret ? { signingSecret } : {}) });
  });

  app.patch('/api/notification-channels/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'channel id');
    const body = parseInput(ChannelPatchBodySchema, request.body, 'channel changes', CHANNEL_LABELS);
    const current = await channelOr404(request, id);
    if (!current) throw new AppError('NOT_FOUND', `Notification channel ${id} does not exist.`);
    if (body.rotateSecret && current.kind !== 'webhook')
      throw new AppError('BAD_REQUEST', 'Only webhook channels have a signing secret to rotate.');
    const signingSecret = body.rotateSecret ? generateWebhookSecret() : undefined;
    let channel: NotificationChannel | undefined;
    try {
      channel = await updateNotificationChannel(ctx.db, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.config !== undefined ? { config: body.config } : {}),
        ...(body.minSeverity !== undefined ? { minSeverity: body.minSeverity } : {}),
        ...(body.quietHours !== undefined ? { quietHours: body.quietHours } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        ...(signingSecret
          ? { signingSecret: storeWebhookSecret(ctx.credentialBox, signingSecret) }
          : {}),
      });
    } catch (error) {
      // The stored config's schema sees { kind, config }: its paths start at `config`.
      if (error instanceof z.ZodError) throw fieldError(describeIssues(error.issues, CHANNEL_LABELS));
      throw error;
    }
    if (!channel) throw new AppError('NOT_FOUND', `Notification channel ${id} does not exist.`);
    await audit(ctx, request, 'notification_channel.updated', { target: ['notification_channel', id], brandId: channel.brand_id, details: { name: channel.name, changed: Object.keys(body).sort() } });
    return { channel: toChannelDto(channel), ...(signingSecret ? { signingSecret } : {}) };
  });

  app.delete('/api/notification-channels/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'channel id');
    await channelOr404(request, id);
    if (!(await deleteNotificationChannel(ctx.db, id)))
      throw new AppError('NOT_FOUND', `Notification channel ${id} does not exist.`);
    ctx.logger.info('notification channel deleted', { channelId: id, by: userOf(request).email });
    await audit(ctx, request, 'notification_channel.deleted', { target: ['notification_channel', id] });
    return reply.code(204).send();
  });

  // A high-severity test notification to this channel only: it skips quiet hours and
  // min severity, so what arrives (or the error in its delivery log) shows the setup works.
  app.post('/api/notification-channels/:id/test', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'channel id');
    const channel = await channelOr404(request, id);
    if (!channel.enabled)
      throw new AppError(
        'CONFLICT',
        `The channel "${channel.name}" is disabled: enable it to send a test.`,
      );
    const { notification, deliveries } = await ctx.db.transaction().execute((trx) =>
      insertNotification(trx, {
        brandId: channel.brand_id,
        kind: 'test',
        severity: 'high',
        title: `Test notification for "${channel.name}"`,
        text: `${userOf(request).name} sent this test from Earshot. If you can read it, this channel works.`,
        details: {
          explanation:
            'Alerts explain themselves here: observed against baseline, the window, and what drives them.',
          examples: [],
        },
        channelIds: [channel.id],
      }),
    );
    await queueNotificationDeliveries(ctx.bus, deliveries);
    return reply
      .code(202)
      .send({ notificationId: notification.id, deliveryId: deliveries[0]?.id ?? null });
  });

  app.get('/api/notification-channels/:id/deliveries', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'channel id');
    const channel = await channelOr404(request, id);
    const history = await listChannelDeliveries(ctx.db, id, 20);
    return {
      deliveries: history.map((d) => ({
        ...toDeliveryDto(d, channel.name, channel.kind),
        title: d.title,
      })),
    };
  });

  app.get('/api/notifications/:id/deliveries', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'notification id');
    const log = await listNotificationDeliveries(ctx.db, id, scopeOf(request));
    return { deliveries: log.map((d) => toDeliveryDto(d, d.channel_name, d.channel_kind)) };
  });
}

function toChannelDto(c: NotificationChannel): ChannelDto {
  return {
    id: c.id,
    brandId: c.brand_id,
    kind: c.kind,
    name: c.name,
    config: c.kind === 'webhook' ? { ...c.config, url: maskUrl(c.config.url) } : c.config,
    minSeverity: c.min_severity,
    quietHours: c.quiet_hours,
    enabled: c.enabled,
    secretSealed: c.kind === 'webhook' ? (c.signing_secret?.startsWith('v1.') ?? false) : null,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

/**
 * A webhook URL often is the credential (Slack's carry their token in the path), so the API
 * shows only where it points, as it shows only the names of stored platform credentials.
 */
function maskUrl(url: string): string {
  const parsed = new URL(url);
  const first = parsed.pathname.split('/').filter(Boolean)[0];
  return `${parsed.origin}/${first ? `${first}/…` : ''}`;
}

function toDeliveryDto(
  d: NotificationDelivery,
  channelName: string,
  channelKind: 'email' | 'webhook',
): DeliveryLogDto {
  return {
    id: d.id,
    createdAt: d.created_at.toISOString(),
    channelId: d.channel_id,
    channelName,
    channelKind,
    state: d.state,
    attempts: d.attempts,
    lastError: d.last_error,
    responseStatus: d.response_status,
    releaseAt: d.release_at?.toISOString() ?? null,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
  };
}
