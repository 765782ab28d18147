import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, deleteSavedView, listSavedViews, saveView } from '@earshot/db';
import { SavedViewBodySchema, type SavedViewDto } from '../../api/find-contract.ts';
import { parseInput } from '../parse.ts';
import { userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });

/** Each user's saved inbox searches (find-contract.ts). */
export function registerSavedViewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/saved-views', async (request): Promise<{ views: SavedViewDto[] }> => {
    const views = await listSavedViews(ctx.db, userOf(request).id);
    return { views: views.map((v) => ({ id: v.id, name: v.name, search: v.search })) };
  });

  app.post('/api/saved-views', async (request, reply) => {
    const body = parseInput(SavedViewBodySchema, request.body, 'saved view');
    const v = await saveView(ctx.db, userOf(request).id, body.name, body.search);
    return reply.code(201).send({ view: { id: v.id, name: v.name, search: v.search } satisfies SavedViewDto });
  });

  app.delete('/api/saved-views/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'saved view id');
    if (!(await deleteSavedView(ctx.db, userOf(request).id, id))) throw new AppError('NOT_FOUND', 'You have no saved view with that id.');
    return reply.code(204).send();
  });
}
