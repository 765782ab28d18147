import type { FastifyInstance } from 'fastify';
import { AppError, changeMentionStatus } from '@earshot/db';
import { StatusBodySchema } from '../../api/team-inbox-contract.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { announceMentionsChanged } from '../announce.ts';
import type { ServerContext } from '../server-context.ts';

/** Mentions' statuses: open, pending (with a follow-up time), closed (team-inbox-contract.ts). */
export function registerMentionStatusRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/mentions/status', async (request) => {
    const body = parseInput(StatusBodySchema, request.body, 'status change');
    const user = userOf(request);
    const followUpAt = body.followUpAt === undefined ? undefined : new Date(body.followUpAt);
    if (followUpAt !== undefined && followUpAt.getTime() <= Date.now()) {
      throw new AppError('BAD_REQUEST', 'The follow-up time has already passed: pick a time in the future.');
    }
    const changed = await changeMentionStatus(ctx.db, { ids: body.ids, scope: scopeOf(request), to: body.status, userId: user.id, followUpAt });
    for (const c of changed) {
      await audit(ctx, request, 'mention.status_changed', {
        target: ['mention', c.id],
        brandId: c.brand_id,
        details: { from: c.from_status, to: body.status, ...(body.followUpAt ? { followUpAt: body.followUpAt } : {}) },
      });
    }
    await announceMentionsChanged(ctx, changed, { status: body.status });
    return { changed: changed.map((c) => c.id) };
  });
}
