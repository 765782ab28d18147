import type { FastifyInstance } from 'fastify';
import { AppError, findMentionById } from '@earshot/db';
import { ReplyCheckBodySchema } from '../../api/find-contract.ts';
import type { ReplyCheckResult } from '../../api/reply-checks.ts';
import { parseInput } from '../parse.ts';
import { scopeOf } from '../access.ts';
import { checkReplyBeforeSend } from '../reply-checks.ts';
import type { ServerContext } from '../server-context.ts';

/** Checks of a reply before it is sent (length, tone), so the agent can fix it first. */
export function registerReplyCheckRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/replies/check', async (request): Promise<ReplyCheckResult> => {
    const body = parseInput(ReplyCheckBodySchema, request.body, 'reply check');
    const mention = await findMentionById(ctx.db, body.mentionId, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${body.mentionId} not found.`);
    return checkReplyBeforeSend(ctx, mention.platform, body.text);
  });
}
