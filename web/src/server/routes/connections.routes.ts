import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, deleteConnection, listConnections, upsertConnection } from '@earshot/db';
import { ConnectionBodySchema, type ConnectionDto } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';
import { audit } from '../audit.ts';

const PlatformParamsSchema = z.object({ platform: z.string().regex(/^[a-z0-9-]{1,40}$/, 'unknown platform') });

/** Credentials are write-only: responses say which fields are stored, never their values. */
export function registerConnectionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/connections', async () => {
    const stored = new Map((await listConnections(ctx.db)).map((c) => [c.platform, c]));
    const connections: ConnectionDto[] = ctx.platforms
      .list()
      .filter((p) => p.needsCredentials)
      .map((p) => {
        const c = stored.get(p.platform);
        return { platform: p.platform, configured: !!c, fields: c?.fields ?? [], updatedAt: c?.updated_at.toISOString() ?? null };
      });
    return { connections };
  });

  app.put('/api/connections/:platform', async (request) => {
    const { platform } = parseInput(PlatformParamsSchema, request.params, 'platform');
    const body = parseInput(ConnectionBodySchema, request.body, 'connection');
    if (!ctx.credentialBox) {
      throw new AppError('UNAVAILABLE', 'Credentials cannot be stored: EARSHOT_SECRET is not set. Set it (at least 32 characters) and restart Earshot.');
    }
    const checked = ctx.platforms.validateCredentials(platform, body.credentials);
    if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message);
    const fields = Object.keys(checked.value).sort();
    await upsertConnection(ctx.db, { platform, sealed: ctx.credentialBox.seal(platform, checked.value), fields });
    ctx.logger.info('platform credentials saved', { platform, fields, by: userOf(request).email });
    // Which fields were stored, never their values.
    await audit(ctx, request, 'credentials.saved', { target: ['platform', platform], details: { platform, fields } });
    return { connection: { platform, configured: true, fields, updatedAt: new Date().toISOString() } satisfies ConnectionDto };
  });

  app.delete('/api/connections/:platform', async (request, reply) => {
    const { platform } = parseInput(PlatformParamsSchema, request.params, 'platform');
    if (!(await deleteConnection(ctx.db, platform))) throw new AppError('NOT_FOUND', `No ${platform} credentials are stored.`);
    ctx.logger.info('platform credentials removed', { platform, by: userOf(request).email });
    await audit(ctx, request, 'credentials.removed', { target: ['platform', platform], details: { platform } });
    return reply.code(204).send();
  });
}
