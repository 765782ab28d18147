import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  findInboxPage,
  findMentionById,
  insertReply,
  listRepliesForMention,
} from '@earshot/db';
import { InboxQuerySchema, SendReplyBodySchema, type InboxPage, type MentionDetail } from '../../api/contract.ts';
import { decodeInboxCursor, encodeInboxCursor } from '../inbox-cursor.ts';
import { parseInput } from '../parse.ts';
import { toMentionDto, toReplyDto } from '../to-dto.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

export function registerMentionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/mentions', async (request): Promise<InboxPage> => {
    const q = parseInput(InboxQuerySchema, request.query, 'inbox query');
    const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
    const { rows, hasMore } = await findInboxPage(ctx.db, {
      scope: scopeOf(request),
      status: q.status,
      brandId: q.brandId,
      sentiment: q.sentiment,
      intent: q.intent,
      platform: q.platform,
      priority: q.priority,
      topic: q.topic,
      postedFrom: date(q.postedFrom),
      postedBefore: date(q.postedBefore),
      agentId: q.agentId,
      authorHandle: q.authorHandle,
      response: q.response,
      asOf: date(q.asOf),
      limit: q.limit,
      after: q.cursor ? decodeInboxCursor(q.cursor) : undefined,
    });
    const last = rows.at(-1);
    return { items: rows.map(toMentionDto), nextCursor: hasMore && last ? encodeInboxCursor(last.sla_due_at, last.id) : null };
  });

  app.get('/api/mentions/:id', async (request): Promise<MentionDetail> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const scope = scopeOf(request);
    // One snapshot: a send committing between two reads would show "sent" on an open mention.
    const { mention, replies } = await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => ({ mention: await findMentionById(trx, id, scope), replies: await listRepliesForMention(trx, id) }));
    // Replies are read before the scope is known to hold: they are only returned when it does.
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    return { mention: toMentionDto(mention), replies: replies.map(toReplyDto) };
  });

  app.post('/api/mentions/:id/replies', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const body = parseInput(SendReplyBodySchema, request.body, 'reply');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const check = ctx.platforms.checkReply(mention.platform, body.text);
    if (!check.ok) throw new AppError('BAD_REQUEST', check.message);
    const { reply: stored, created } = await insertReply(ctx.db, {
      mentionId: id,
      userId: userOf(request).id,
      text: body.text,
      idempotencyKey: body.idempotencyKey,
    });
    if (stored.mention_id !== id) throw new AppError('CONFLICT', 'That idempotency key was already used for another mention.');
    if (created) {
      await audit(ctx, request, 'reply.sent', { target: ['reply', stored.id], brandId: mention.brand_id, details: { mentionId: id, platform: mention.platform, text: stored.text } });
      try {
        await ctx.bus.enqueue('publishReply', { replyId: stored.id });
      } catch (error) {
        // The reply is stored as queued; the collectors' sweeper queues it once Redis is back.
        ctx.logger.warn('could not queue reply; the sweeper will', { replyId: stored.id, error: String(error) });
      }
      await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id }).catch(() => undefined);
    }
    return reply.code(202).send({ reply: toReplyDto({ ...stored, user_name: userOf(request).name }) });
  });
}
