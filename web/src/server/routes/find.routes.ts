import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  deleteSavedView,
  ensureTag,
  findAuthorContext,
  findMentionById,
  listSavedViews,
  listTags,
  saveView,
  tagMentions,
  untagMention,
} from '@earshot/db';
import {
  BulkTagBodySchema,
  ReplyCheckBodySchema,
  SavedViewBodySchema,
  TagBodySchema,
  type AuthorContextDto,
  type BulkTagResult,
  type SavedViewDto,
  type TagDto,
} from '../../api/find-contract.ts';
import type { ReplyCheckResult } from '../../api/reply-checks.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import { checkReplyBeforeSend } from '../reply-checks.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });
const UntagParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.'), tagId: z.uuid('The tag id must be a UUID.') });

const toTagDto = (t: { id: string; name: string }): TagDto => ({ id: t.id, name: t.name });

/** Finding in the inbox (issue #11): tags, saved views, author context and pre-send checks. */
export function registerFindRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/tags', async (): Promise<{ tags: TagDto[] }> => ({ tags: (await listTags(ctx.db)).map(toTagDto) }));

  app.post('/api/tags', async (request): Promise<{ tag: TagDto }> => {
    const { name } = parseInput(TagBodySchema, request.body, 'tag');
    const { tag } = await ensureTag(ctx.db, name, userOf(request).id);
    return { tag: toTagDto(tag) };
  });

  app.post('/api/mentions/tags', async (request): Promise<BulkTagResult> => {
    const body = parseInput(BulkTagBodySchema, request.body, 'tagging');
    let tag: TagDto;
    if (body.tagId !== undefined) {
      const found = (await listTags(ctx.db)).find((t) => t.id === body.tagId);
      if (!found) throw new AppError('NOT_FOUND', 'That tag does not exist (any more): pick another or create it again.');
      tag = toTagDto(found);
    } else {
      tag = toTagDto((await ensureTag(ctx.db, body.name!, userOf(request).id)).tag);
    }
    const tagged = await tagMentions(ctx.db, tag.id, body.ids, userOf(request).id, scopeOf(request));
    for (const id of tagged) {
      const m = await findMentionById(ctx.db, id, scopeOf(request));
      if (m) await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: m.brand_id, id }).catch(() => undefined);
    }
    return { tag, tagged };
  });

  app.delete('/api/mentions/:id/tags/:tagId', async (request, reply) => {
    const { id, tagId } = parseInput(UntagParamsSchema, request.params, 'tag');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    if (await untagMention(ctx.db, tagId, id)) {
      await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id }).catch(() => undefined);
    }
    return reply.code(204).send();
  });

  app.get('/api/saved-views', async (request): Promise<{ views: SavedViewDto[] }> => {
    const views = await listSavedViews(ctx.db, userOf(request).id);
    return { views: views.map((v) => ({ id: v.id, name: v.name, search: v.search })) };
  });

  app.post('/api/saved-views', async (request, reply) => {
    const body = parseInput(SavedViewBodySchema, request.body, 'saved view');
    const v = await saveView(ctx.db, userOf(request).id, body.name, body.search);
    return reply.code(201).send({ view: { id: v.id, name: v.name, search: v.search } satisfies SavedViewDto });
  });

  app.delete('/api/saved-views/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'saved view id');
    if (!(await deleteSavedView(ctx.db, userOf(request).id, id))) throw new AppError('NOT_FOUND', 'You have no saved view with that id.');
    return reply.code(204).send();
  });

  app.get('/api/mentions/:id/author', async (request): Promise<AuthorContextDto> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const c = await findAuthorContext(ctx.db, mention);
    return {
      handle: mention.author_handle,
      mentions: c.mentions,
      complaints: c.complaints,
      repliesSent: c.repliesSent,
      earlier: c.earlier.map((e) => ({ id: e.id, text: e.text, postedAt: e.posted_at.toISOString(), sentiment: e.sentiment, intent: e.intent, status: e.status })),
      replies: c.replies.map((r) => ({ mentionId: r.mention_id, text: r.text, sentAt: r.sent_at.toISOString(), userName: r.user_name })),
    };
  });

  app.post('/api/replies/check', async (request): Promise<ReplyCheckResult> => {
    const body = parseInput(ReplyCheckBodySchema, request.body, 'reply check');
    const mention = await findMentionById(ctx.db, body.mentionId, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${body.mentionId} not found.`);
    return checkReplyBeforeSend(ctx, mention.platform, body.text);
  });
}
