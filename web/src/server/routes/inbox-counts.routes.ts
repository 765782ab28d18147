import type { FastifyInstance } from 'fastify';
import { countInboxViews, INBOX_COUNT_CAP } from '@earshot/db';
import { InboxCountsQuerySchema, type InboxCountsDto } from '../../api/team-inbox-contract.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import { readDbFor } from '../read-pool.ts';
import type { ServerContext } from '../server-context.ts';

/** How many mentions each inbox view holds (capped; team-inbox-contract.ts). */
export function registerInboxCountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/inbox/counts', async (request): Promise<InboxCountsDto> => {
    const q = parseInput(InboxCountsQuerySchema, request.query, 'counts query');
    const counts = await countInboxViews(readDbFor(ctx, request), { userId: userOf(request).id, scope: scopeOf(request), brandId: q.brandId });
    return { ...counts, cap: INBOX_COUNT_CAP };
  });
}
