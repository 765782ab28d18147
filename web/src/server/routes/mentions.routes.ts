import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  findInboxPage,
  findMentionById,
  insertReplyOnce,
  listCorrectedFields,
  listRepliesForMention,
  listStatusChanges,
  listMentionNotes,
  listTagsOfMentions,
} from '@earshot/db';
import { InboxQuerySchema, SendReplyBodySchema, type InboxPage, type MentionDetail } from '../../api/contract.ts';
import { encodeInboxCursor } from '../inbox-cursor.ts';
import { toInboxPageQuery } from '../inbox-page-query.ts';
import { parseInput } from '../parse.ts';
import { toMentionDto, toReplyDto } from '../to-dto.ts';
import { scopeOf, userOf } from '../access.ts';
import { readDbFor } from '../read-pool.ts';
import { audit } from '../audit.ts';
import { assertReplyMaySend, checkReplyBeforeSend } from '../reply-checks.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

export function registerMentionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/mentions', async (request): Promise<InboxPage> => {
    const q = parseInput(InboxQuerySchema, request.query, 'inbox query');
    const db = readDbFor(ctx, request);
    const { rows, hasMore } = await findInboxPage(db, toInboxPageQuery(q, userOf(request), scopeOf(request)));
    const last = rows.at(-1);
    const tags = await listTagsOfMentions(db, rows.map((r) => r.id));
    return { items: rows.map((r) => toMentionDto(r, tags.get(r.id) ?? [])), nextCursor: hasMore && last ? encodeInboxCursor(last.sla_due_at, last.id) : null };
  });

  app.get('/api/mentions/:id', async (request): Promise<MentionDetail> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const scope = scopeOf(request);
    // One snapshot: a send committing between two reads would show "sent" on an open mention.
    const { mention, replies, changes, notes } = await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => ({
        mention: await findMentionById(trx, id, scope),
        replies: await listRepliesForMention(trx, id),
        changes: await listStatusChanges(trx, id),
        notes: await listMentionNotes(trx, id),
      }));
    // The rest is read before the scope is known to hold: it is only returned when it does.
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const [tags, corrected] = await Promise.all([listTagsOfMentions(ctx.db, [id]), listCorrectedFields(ctx.db, id)]);
    return {
      mention: toMentionDto(mention, tags.get(id) ?? [], corrected),
      replies: replies.map(toReplyDto),
      statusChanges: changes.map((c) => ({ from: c.from_status, to: c.to_status, userName: c.user_name, followUpAt: c.follow_up_at?.toISOString() ?? null, at: c.at.toISOString() })),
      notes: notes.map((n) => ({ id: n.id, text: n.text, userName: n.user_name, mentionedUserIds: n.mentioned_user_ids, createdAt: n.created_at.toISOString() })),
    };
  });

  app.post('/api/mentions/:id/replies', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const body = parseInput(SendReplyBodySchema, request.body, 'reply');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    // The platform's own rule (its words), then the pre-send checks, whose length is counted as the
    // dashboard's counter counts (web/src/api/reply-length.ts): the two agree on what fits.
    const check = ctx.platforms.checkReply(mention.platform, body.text);
    if (!check.ok) throw new AppError('BAD_REQUEST', check.message);
    assertReplyMaySend(checkReplyBeforeSend(ctx, mention.platform, body.text), body.overrides);
    const outcome = await insertReplyOnce(
      ctx.db,
      { mentionId: id, userId: userOf(request).id, text: body.text, idempotencyKey: body.idempotencyKey },
      body.confirm === true,
    );
    if (outcome.conflict) {
      const who = outcome.conflict.userName ?? 'someone';
      const what = outcome.conflict.state === 'sent' ? 'already answered' : 'already replied to';
      throw new AppError('CONFLICT', `${who} ${what} this mention ${agoInWords(outcome.conflict.at)}. Send anyway?`, { reason: 'already_replied' });
    }
    const { reply: stored, created } = outcome;
    if (stored.mention_id !== id) throw new AppError('CONFLICT', 'That idempotency key was already used for another mention.');
    if (created) {
      await audit(ctx, request, 'reply.sent', { target: ['reply', stored.id], brandId: mention.brand_id, details: { mentionId: id, platform: mention.platform, text: stored.text, ...(body.overrides.length > 0 ? { overriddenChecks: body.overrides } : {}) } });
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

/** "a moment ago", "5 minutes ago", "3 hours ago", "on 2 Dec". */
function agoInWords(at: Date, now = new Date()): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'a moment ago';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} hours ago`;
  return `on ${at.toISOString().slice(0, 10)}`;
}
