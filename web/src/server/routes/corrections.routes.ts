import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, findMentionById, listCorrectedFields, listTagsOfMentions } from '@earshot/db';
import { CorrectionBodySchema } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { toMentionDto } from '../to-dto.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const MentionParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

/** Agents' corrections of what the model read in a mention. */
export function registerCorrectionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/mentions/:id/corrections', async (request) => {
    const { id } = parseInput(MentionParamsSchema, request.params, 'mention id');
    const body = parseInput(CorrectionBodySchema, request.body, 'correction');
    const before = await findMentionById(ctx.db, id, scopeOf(request));
    if (!before) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const mention = await ctx.decisions.correctMention({ mentionId: id, userId: userOf(request).id, field: body.field, value: body.value });
    await audit(ctx, request, 'mention.corrected', { target: ['mention', id], brandId: mention.brand_id, details: { field: body.field, from: before[body.field], to: mention[body.field] } });
    await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id }).catch(() => undefined);
    const [tags, corrected] = await Promise.all([listTagsOfMentions(ctx.db, [id]), listCorrectedFields(ctx.db, id)]);
    return { mention: toMentionDto(mention, tags.get(id) ?? [], corrected) };
  });
}
