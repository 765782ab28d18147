import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, ensureTag, findMentionById, listTags, tagMentions, untagMention } from '@earshot/db';
import { BulkTagBodySchema, TagBodySchema, type BulkTagResult, type TagDto } from '../../api/find-contract.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const UntagParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.'), tagId: z.uuid('The tag id must be a UUID.') });

const toTagDto = (t: { id: string; name: string }): TagDto => ({ id: t.id, name: t.name });

/** Tags: the team's list, and tagging and untagging mentions (find-contract.ts). */
export function registerTagRoutes(app: FastifyInstance, ctx: ServerContext): void {
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
}
