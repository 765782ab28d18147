import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, deleteSavedReply, findBrand, findMentionById, insertSavedReply, listSavedReplies, updateSavedReply, type SavedReply } from '@earshot/db';
import { SAVED_REPLY_LABELS, SavedRepliesQuerySchema, SavedReplyBodySchema, type SavedRepliesAnswer, type SavedReplyDto } from '../../api/contract.ts';
import { authorForReply } from '../../api/saved-reply-variables.ts';
import { parseInput } from '../parse.ts';
import { requireBrandInScope, scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The saved reply id must be a UUID.') });

const toDto = (r: SavedReply): SavedReplyDto => ({ id: r.id, brandId: r.brand_id, title: r.title, body: r.body, updatedAt: r.updated_at.toISOString() });

const NOT_YOURS = 'There is no saved reply with that id that you may change: it was deleted, or it serves brands you cannot see.';

/**
 * Saved replies (issue #11): agents list them (for one mention: those serving its brand, and what
 * the variables become); managers write them. A manager limited to some brands writes only
 * replies of those brands: an every-brand reply would reach brands they cannot see.
 */
export function registerSavedReplyRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const checkBrand = async (request: FastifyRequest, brandId: string | null) => {
    if (brandId !== null) {
      requireBrandInScope(request, brandId);
      if (!(await findBrand(ctx.db, brandId, scopeOf(request)))) throw new AppError('NOT_FOUND', `Brand ${brandId} not found; pick one of the brands listed.`);
      return;
    }
    if (scopeOf(request).kind !== 'all') {
      throw new AppError('FORBIDDEN', 'You may only write saved replies for your own brands: pick one of them instead of every brand.');
    }
  };

  app.get('/api/saved-replies', async (request): Promise<SavedRepliesAnswer> => {
    const q = parseInput(SavedRepliesQuerySchema, request.query, 'saved replies query');
    const scope = scopeOf(request);
    if (q.mentionId === undefined) return { savedReplies: (await listSavedReplies(ctx.db, scope)).map(toDto), values: null };
    const mention = await findMentionById(ctx.db, q.mentionId, scope);
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${q.mentionId} not found.`);
    const brand = await findBrand(ctx.db, mention.brand_id, scope);
    return {
      savedReplies: (await listSavedReplies(ctx.db, scope, mention.brand_id)).map(toDto),
      values: {
        author: authorForReply({ handle: mention.author_handle, name: mention.author_name }),
        brand: brand?.name ?? '',
        agent: userOf(request).name,
      },
    };
  });

  app.post('/api/saved-replies', async (request, reply) => {
    const body = parseInput(SavedReplyBodySchema, request.body, 'saved reply', SAVED_REPLY_LABELS);
    await checkBrand(request, body.brandId);
    const saved = await insertSavedReply(ctx.db, { ...body, userId: userOf(request).id });
    await audit(ctx, request, 'saved_reply.created', { target: ['saved_reply', saved.id], brandId: saved.brand_id, details: { title: saved.title, body: saved.body } });
    return reply.code(201).send({ savedReply: toDto(saved) });
  });

  app.put('/api/saved-replies/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'saved reply id');
    const body = parseInput(SavedReplyBodySchema, request.body, 'saved reply', SAVED_REPLY_LABELS);
    await checkBrand(request, body.brandId);
    const saved = await updateSavedReply(ctx.db, id, scopeOf(request), { ...body, userId: userOf(request).id });
    if (!saved) throw new AppError('NOT_FOUND', NOT_YOURS);
    await audit(ctx, request, 'saved_reply.updated', { target: ['saved_reply', saved.id], brandId: saved.brand_id, details: { title: saved.title, body: saved.body } });
    return { savedReply: toDto(saved) };
  });

  app.delete('/api/saved-replies/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'saved reply id');
    const deleted = await deleteSavedReply(ctx.db, id, scopeOf(request));
    if (!deleted) throw new AppError('NOT_FOUND', NOT_YOURS);
    await audit(ctx, request, 'saved_reply.deleted', { target: ['saved_reply', deleted.id], brandId: deleted.brand_id, details: { title: deleted.title } });
    return reply.code(204).send();
  });
}
