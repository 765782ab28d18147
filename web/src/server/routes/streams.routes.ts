import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, countStreamMentions, deleteStream, findBrand, findStreamById, insertStream, listConnections, listStreams, updateStream } from '@earshot/db';
import { scopeOf } from '../access.ts';
import { NewStreamBodySchema, STREAM_LABELS, StreamPatchBodySchema, type StreamDeletionDto } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { toStreamDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';
import { audit } from '../audit.ts';

const IdParamsSchema = z.object({ id: z.uuid('The stream id must be a UUID.') });

/** Streams: the saved searches each brand listens with. */
export function registerStreamRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The platform's query checked, its problems by field (`query.keywords`) in the platform's words. */
  const checkQuery = (platform: string, query: unknown): unknown => {
    const checked = ctx.platforms.validateQuery(platform, query);
    if (checked.ok) return checked.value;
    if (checked.fields && checked.fields.length > 0) {
      const fields = checked.fields.map((f) => ({ path: f.path === '' ? 'query' : `query.${f.path}`, message: f.message }));
      throw new AppError('BAD_REQUEST', checked.message, { fields });
    }
    throw new AppError('BAD_REQUEST', checked.message, { fields: [{ path: 'query', message: checked.message }] });
  };

  /** A warning for a stream of a platform with no credentials stored: it is created, but cannot poll. */
  const credentialsWarning = async (platform: string): Promise<string | null> => {
    const p = ctx.platforms.list().find((d) => d.platform === platform);
    if (!p?.needsCredentials) return null;
    if ((await listConnections(ctx.db)).some((c) => c.platform === platform)) return null;
    return `No ${p.label} credentials are stored, so this stream cannot poll yet. An admin can add them under Settings → Connections; it starts on its own then.`;
  };

  app.get('/api/streams', async (request) => ({ streams: (await listStreams(ctx.db, scopeOf(request))).map((s) => toStreamDto(s)) }));

  app.post('/api/streams', async (request, reply) => {
    const body = parseInput(NewStreamBodySchema, request.body, 'stream', STREAM_LABELS);
    if (!(await findBrand(ctx.db, body.brandId, scopeOf(request)))) throw new AppError('NOT_FOUND', `Brand ${body.brandId} not found.`);
    const query = checkQuery(body.platform, body.query);
    const stream = await insertStream(ctx.db, {
      brandId: body.brandId,
      platform: body.platform,
      name: body.name,
      query,
      ...(body.pollIntervalMs ? { pollIntervalMs: body.pollIntervalMs } : {}),
      readBudgetMonthly: body.readBudgetMonthly ?? null,
    });
    await audit(ctx, request, 'stream.created', { target: ['stream', stream.id], brandId: stream.brand_id, details: { name: stream.name, platform: stream.platform, query: stream.query } });
    const warning = await credentialsWarning(stream.platform);
    return reply.code(201).send({ stream: toStreamDto(stream), ...(warning !== null ? { warning } : {}) });
  });

  app.patch('/api/streams/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'stream id');
    const body = parseInput(StreamPatchBodySchema, request.body, 'stream change', STREAM_LABELS);
    const current = await findStreamById(ctx.db, id, scopeOf(request));
    if (!current) throw new AppError('NOT_FOUND', `Stream ${id} not found.`);
    let query: unknown;
    if (body.query !== undefined) query = checkQuery(current.platform, body.query);
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

  // A stream's mentions stay with its brand: they are the team's work (answered, open, in
  // reports), and the stream is only how they arrived. The dashboard shows the count first.

  app.get('/api/streams/:id/deletion', async (request): Promise<StreamDeletionDto> => {
    const { id } = parseInput(IdParamsSchema, request.params, 'stream id');
    const mentions = await countStreamMentions(ctx.db, id, scopeOf(request));
    if (mentions === undefined) throw new AppError('NOT_FOUND', `Stream ${id} not found; it may have been deleted already.`);
    return { mentions };
  });

  app.delete('/api/streams/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'stream id');
    const deleted = await deleteStream(ctx.db, id, scopeOf(request));
    if (!deleted) throw new AppError('NOT_FOUND', `Stream ${id} not found; it may have been deleted already.`);
    await audit(ctx, request, 'stream.deleted', {
      target: ['stream', id],
      brandId: deleted.brandId,
      details: { name: deleted.name, platform: deleted.platform, mentionsKept: deleted.mentions },
    });
    return reply.code(204).send();
  });
}
