import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, findBrand, findStreamById, insertStream, listStreams, updateStream } from '@earshot/db';
import { scopeOf } from '../access.ts';
import { NewStreamBodySchema, StreamPatchBodySchema } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { toStreamDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';
import { audit } from '../audit.ts';

const IdParamsSchema = z.object({ id: z.uuid('The stream id must be a UUID.') });

/** Streams: the saved searches each brand listens with. */
export function registerStreamRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/streams', async (request) => ({ streams: (await listStreams(ctx.db, scopeOf(request))).map((s) => toStreamDto(s)) }));

  app.post('/api/streams', async (request, reply) => {
    const body = parseInput(NewStreamBodySchema, request.body, 'stream');
    if (!(await findBrand(ctx.db, body.brandId, scopeOf(request)))) throw new AppError('NOT_FOUND', `Brand ${body.brandId} not found.`);
    const query = ctx.platforms.validateQuery(body.platform, body.query);
    if (!query.ok) throw new AppError('BAD_REQUEST', query.message);
    const stream = await insertStream(ctx.db, {
      brandId: body.brandId,
      platform: body.platform,
      name: body.name,
      query: query.value,
      ...(body.pollIntervalMs ? { pollIntervalMs: body.pollIntervalMs } : {}),
      readBudgetMonthly: body.readBudgetMonthly ?? null,
    });
    await audit(ctx, request, 'stream.created', { target: ['stream', stream.id], brandId: stream.brand_id, details: { name: stream.name, platform: stream.platform, query: stream.query } });
    return reply.code(201).send({ stream: toStreamDto(stream) });
  });

  app.patch('/api/streams/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'stream id');
    const body = parseInput(StreamPatchBodySchema, request.body, 'stream change');
    const current = await findStreamById(ctx.db, id, scopeOf(request));
    if (!current) throw new AppError('NOT_FOUND', `Stream ${id} not found.`);
    let query: unknown;
    if (body.query !== undefined) {
      const checked = ctx.platforms.validateQuery(current.platform, body.query);
      if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message);
      query = checked.value;
    }
    const stream = await updateStream(ctx.db, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(query !== undefined ? { query } : {}),
      ...(body.pollIntervalMs !== undefined ? { pollIntervalMs: body.pollIntervalMs } : {}),
      ...(body.readBudgetMonthly !== undefined ? { readBudgetMonthly: body.readBudgetMonthly } : {}),
    });
    await audit(ctx, request, 'stream.updated', { target: ['stream', id], brandId: current.brand_id, details: { changes: { ...body, ...(query !== undefined ? { query } : {}) } } });
    return { stream: toStreamDto(stream!) };
  });
}
