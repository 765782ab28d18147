import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, inBrandScope, insertApiToken, listBrands, listUserApiTokens, revokeApiToken, setApiTokenBrands, type ApiToken } from '@earshot/db';
import { ApiTokenBodySchema, type ApiTokenDto } from '../../api/contract.ts';
import { roleAtLeast } from '../../api/roles.ts';
import { scopeOf, userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { hashSessionToken } from '../session-tokens.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The token id must be a UUID.') });
const DAY_MS = 86_400_000;

/** Each user's own API tokens: created (shown once), listed with their last use, revoked. */
export function registerTokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/tokens', async (request) => {
    const user = sessionUser(request);
    return { tokens: (await listUserApiTokens(ctx.db, user.id)).map(toApiTokenDto) };
  });

  app.post('/api/tokens', async (request, reply) => {
    const user = sessionUser(request);
    const body = parseInput(ApiTokenBodySchema, request.body, 'API token');
    if (!roleAtLeast(user.role, body.role)) throw new AppError('FORBIDDEN', `You are ${user.role}: a token of yours can be at most ${user.role}.`);
    const brandIds = [...new Set(body.brandIds ?? [])];
    if (brandIds.length > 0) {
      // Only brands the user sees (a token never widens its user's access; it is narrowed again on use).
      const known = new Set((await listBrands(ctx.db, scopeOf(request))).map((b) => b.id));
      const unknown = brandIds.filter((b) => !known.has(b) || !inBrandScope(scopeOf(request), b));
      if (unknown.length > 0) throw new AppError('NOT_FOUND', `No brand ${unknown.join(', ')} among yours: pick brands from the list.`);
    }
    const token = `esk_${randomBytes(32).toString('base64url')}`;
    const stored = await insertApiToken(ctx.db, {
      userId: user.id,
      name: body.name,
      tokenHash: hashSessionToken(token),
      role: body.role,
      expiresAt: body.expiresInDays === undefined ? null : new Date(Date.now() + body.expiresInDays * DAY_MS),
    });
    await setApiTokenBrands(ctx.db, stored.id, brandIds);
    await audit(ctx, request, 'api_token.created', { target: ['api_token', stored.id], details: { name: stored.name, role: stored.role, expiresAt: stored.expires_at?.toISOString() ?? null, ...(brandIds.length > 0 ? { brandIds } : {}) } });
    return reply.code(201).send({ apiToken: toApiTokenDto(stored), token });
  });

  app.delete('/api/tokens/:id', async (request, reply) => {
    const user = sessionUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'token id');
    const revoked = await revokeApiToken(ctx.db, id, user.id);
    if (!revoked) throw new AppError('NOT_FOUND', `You have no live API token ${id}.`);
    await audit(ctx, request, 'api_token.revoked', { target: ['api_token', id], details: { name: revoked.name } });
    return reply.code(204).send();
  });
}

/** A token that could mint tokens would outlive its own revocation: only a session may. */
function sessionUser(request: FastifyRequest) {
  if (request.apiToken) throw new AppError('FORBIDDEN', 'API tokens cannot create, list or revoke API tokens: sign in to the dashboard to do that.');
  return userOf(request);
}

function toApiTokenDto(t: ApiToken): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at?.toISOString() ?? null,
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
  };
}
