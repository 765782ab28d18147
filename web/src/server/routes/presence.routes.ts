import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, MentionPresence, findMentionById } from '@earshot/db';
import { PresenceBodySchema, type PresenceDto } from '../../api/team-inbox-contract.ts';
import { roleAtLeast } from '../../api/roles.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

/** Who has a mention open, and who is typing a reply to it (team-inbox-contract.ts). */
export function registerPresenceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const presence = new MentionPresence(ctx.bus);
  const announce = (brandId: string, mentionId: string, { viewers, version }: PresenceDto) =>
    ctx.bus.publishMentionEvent({ type: 'presence', brandId, mentionId, viewers, version }).catch(() => undefined);

  // Presence is a heartbeat: the dashboard sends one every few seconds while the mention is open
  // (and at once when typing starts or stops); everyone else hears of a change over SSE.
  app.put('/api/mentions/:id/presence', async (request): Promise<PresenceDto> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const body = parseInput(PresenceBodySchema, request.body, 'presence');
    const user = userOf(request);
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const before = await presence.list(id);
    const now = await presence.beat(id, { userId: user.id, name: user.name, typing: body.typing && roleAtLeast(user.role, 'agent') });
    if (JSON.stringify(before) !== JSON.stringify(now.viewers)) await announce(mention.brand_id, id, now);
    return now;
  });

  app.delete('/api/mentions/:id/presence', async (request): Promise<PresenceDto> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const now = await presence.leave(id, userOf(request).id);
    await announce(mention.brand_id, id, now);
    return now;
  });
}
