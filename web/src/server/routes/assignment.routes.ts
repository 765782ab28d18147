import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, assignMentions, findBrandScope, intersectBrandScopes, listTeammates, setBrandAutoAssign } from '@earshot/db';
import { AssignBodySchema, AutoAssignBodySchema } from '../../api/team-inbox-contract.ts';
import { roleAtLeast } from '../../api/roles.ts';
import { parseInput } from '../parse.ts';
import { requireBrandInScope, scopeOf } from '../access.ts';
import { audit } from '../audit.ts';
import { announceMentionsChanged } from '../announce.ts';
import type { ServerContext } from '../server-context.ts';

/** Who answers a mention: assigning by hand, and a brand's automatic assignment (team-inbox-contract.ts). */
export function registerAssignmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/mentions/assign', async (request) => {
    const body = parseInput(AssignBodySchema, request.body, 'assignment');
    if (body.assigneeId !== null) {
      const assignee = (await listTeammates(ctx.db)).find((t) => t.id === body.assigneeId);
      if (!assignee || !roleAtLeast(assignee.role, 'agent')) {
        throw new AppError('BAD_REQUEST', 'Mentions can only be assigned to a teammate who can reply (an agent or above).');
      }
    }
    // Only mentions of brands both the caller and the assignee may see are assigned.
    const scope = body.assigneeId === null ? scopeOf(request) : intersectBrandScopes(scopeOf(request), await findBrandScope(ctx.db, body.assigneeId));
    const changed = await assignMentions(ctx.db, body.ids, body.assigneeId, scope);
    for (const c of changed) {
      await audit(ctx, request, 'mention.assigned', {
        target: ['mention', c.id],
        brandId: c.brand_id,
        details: { from: c.previous_assignee_id, to: body.assigneeId },
      });
    }
    await announceMentionsChanged(ctx, changed, { assigneeId: body.assigneeId });
    return { changed: changed.map((c) => c.id) };
  });

  app.put('/api/brands/:id/auto-assign', async (request) => {
    const { id } = parseInput(z.object({ id: z.uuid('The brand id must be a UUID.') }), request.params, 'brand id');
    const body = parseInput(AutoAssignBodySchema, request.body, 'automatic assignment');
    requireBrandInScope(request, id);
    if (!(await setBrandAutoAssign(ctx.db, id, body.cap))) throw new AppError('NOT_FOUND', `Brand ${id} not found.`);
    await audit(ctx, request, 'brand.auto_assign_changed', { target: ['brand', id], brandId: id, details: { cap: body.cap } });
    return { cap: body.cap };
  });
}
