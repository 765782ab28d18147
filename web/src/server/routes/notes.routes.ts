import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, findMentionById, insertMentionNote, listTeammates } from '@earshot/db';
import { NoteBodySchema, type NoteDto } from '../../api/team-inbox-contract.ts';
import { mentionedTeammates } from '../../api/note-mentions.ts';
import { parseInput } from '../parse.ts';
import { scopeOf, userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The mention id must be a UUID.') });

/** Internal notes on a mention; naming a teammate (@name) leaves them a notice. */
export function registerNoteRoutes(app: FastifyInstance, ctx: ServerContext): void {
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
}
