import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, assignMentions, findBrandScope, intersectBrandScopes, changeMentionStatus, countInboxViews, INBOX_COUNT_CAP, listTeammates, MentionPresence, findMentionById, insertMentionNote, listUserNotices, markUserNoticesRead, setBrandAutoAssign, setUserAway, type ManualStatus } from '@earshot/db';
import { AssignBodySchema, AutoAssignBodySchema, AwayBodySchema, InboxCountsQuerySchema, NoteBodySchema, PresenceBodySchema, type NoteDto, StatusBodySchema, type ViewerDto, type InboxCountsDto, type NoticesDto, type TeammateDto } from '../../api/team-inbox-contract.ts';
import { roleAtLeast } from '../../api/roles.ts';
import { mentionedTeammates } from '../../api/note-mentions.ts';
import { parseInput } from '../parse.ts';
import { requireBrandInScope, scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

/** Statuses, assignment, per-view counts and the teammates to assign to (team-inbox-contract.ts). */
export function registerTeamInboxRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const presence = new MentionPresence(ctx.bus);
  const announce = (brandId: string, mentionId: string, viewers: ViewerDto[]) =>
    ctx.bus.publishMentionEvent({ type: 'presence', brandId, mentionId, viewers }).catch(() => undefined);
  // Live events carry one brand each, so a dashboard limited to other brands never hears of these.
  const announceChanged = async (changed: readonly { id: string; brand_id: string }[], change: { status: ManualStatus } | { assigneeId: string | null }) => {
    const byBrand = new Map<string, string[]>();
    for (const c of changed) byBrand.set(c.brand_id, [...(byBrand.get(c.brand_id) ?? []), c.id]);
    for (const [brandId, ids] of byBrand) await ctx.bus.publishMentionEvent({ type: 'mentions.changed', brandId, ids, ...change }).catch(() => undefined);
  };

  // Presence is a heartbeat: the dashboard sends one every few seconds while the mention is open
  // (and at once when typing starts or stops); everyone else hears of a change over SSE.
  app.put('/api/mentions/:id/presence', async (request): Promise<{ viewers: ViewerDto[] }> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const body = parseInput(PresenceBodySchema, request.body, 'presence');
    const user = userOf(request);
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const before = await presence.list(id);
    const viewers = await presence.beat(id, { userId: user.id, name: user.name, typing: body.typing && roleAtLeast(user.role, 'agent') });
    if (JSON.stringify(before) !== JSON.stringify(viewers)) await announce(mention.brand_id, id, viewers);
    return { viewers };
  });

  app.delete('/api/mentions/:id/presence', async (request): Promise<{ viewers: ViewerDto[] }> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const viewers = await presence.leave(id, userOf(request).id);
    await announce(mention.brand_id, id, viewers);
    return { viewers };
  });

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
    await announceChanged(changed, { status: body.status });
    return { changed: changed.map((c) => c.id) };
  });

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
    await announceChanged(changed, { assigneeId: body.assigneeId });
    return { changed: changed.map((c) => c.id) };
  });

  app.get('/api/inbox/counts', async (request): Promise<InboxCountsDto> => {
    const q = parseInput(InboxCountsQuerySchema, request.query, 'counts query');
    const counts = await countInboxViews(ctx.db, { userId: userOf(request).id, scope: scopeOf(request), brandId: q.brandId });
    return { ...counts, cap: INBOX_COUNT_CAP };
  });

  app.get('/api/teammates', async (): Promise<{ teammates: TeammateDto[] }> => ({ teammates: await listTeammates(ctx.db) }));

  app.post('/api/mentions/:id/notes', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'mention id');
    const body = parseInput(NoteBodySchema, request.body, 'note');
    const user = userOf(request);
    const mention = await findMentionById(ctx.db, id, scopeOf(request));
    if (!mention) throw new AppError('NOT_FOUND', `Mention ${id} not found.`);
    const mentioned = mentionedTeammates(body.text, await listTeammates(ctx.db));
    const stored = await insertMentionNote(ctx.db, { mentionId: id, userId: user.id, authorName: user.name, text: body.text, mentionedUserIds: mentioned.map((t) => t.id) });
    const told = mentioned.map((t) => t.id).filter((u) => u !== user.id);
    await ctx.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id }).catch(() => undefined);
    if (told.length > 0) await ctx.bus.publishMentionEvent({ type: 'notices.changed', userIds: told }).catch(() => undefined);
    const note: NoteDto = { id: stored.id, text: body.text, userName: user.name, mentionedUserIds: told, createdAt: stored.created_at.toISOString() };
    return reply.code(201).send({ note });
  });

  app.get('/api/notices', async (request): Promise<NoticesDto> => {
    const { notices, unread } = await listUserNotices(ctx.db, userOf(request).id, scopeOf(request));
    return {
      unread,
      notices: notices.map((n) => ({ id: n.id, kind: n.kind, mentionId: n.mention_id, text: n.text, createdAt: n.created_at.toISOString(), read: n.read_at !== null })),
    };
  });

  app.post('/api/notices/read', async (request, reply) => {
    await markUserNoticesRead(ctx.db, userOf(request).id);
    return reply.code(204).send();
  });

  app.put('/api/brands/:id/auto-assign', async (request) => {
    const { id } = parseInput(z.object({ id: z.uuid('The brand id must be a UUID.') }), request.params, 'brand id');
    const body = parseInput(AutoAssignBodySchema, request.body, 'automatic assignment');
    requireBrandInScope(request, id);
    if (!(await setBrandAutoAssign(ctx.db, id, body.cap))) throw new AppError('NOT_FOUND', `Brand ${id} not found.`);
    await audit(ctx, request, 'brand.auto_assign_changed', { target: ['brand', id], brandId: id, details: { cap: body.cap } });
    return { cap: body.cap };
  });

  app.put('/api/account/away', async (request) => {
    const body = parseInput(AwayBodySchema, request.body, 'away');
    await setUserAway(ctx.db, userOf(request).id, body.away);
    return { away: body.away };
  });
}
