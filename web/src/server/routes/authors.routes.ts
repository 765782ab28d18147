import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, findAuthorContext, findMentionById } from '@earshot/db';
import type { AuthorContextDto } from '../../api/find-contract.ts';
import { parseInput } from '../parse.ts';
import { scopeOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });

/** A mention's author in context: their earlier mentions and the replies they were sent (find-contract.ts). */
export function registerAuthorRoutes(app: FastifyInstance, ctx: ServerContext): void {
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
}
