import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, claimTotpStep, findUserById, setTotp } from '@earshot/db';
import { TotpCodeBodySchema, type TotpSetup, type TotpStatus } from '../../api/contract.ts';
import { userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { checkTotp, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from '../totp.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The user id must be a UUID.') });

/** Two-factor sign-in (TOTP): each user turns it on and off for themselves; admins can reset it. */
export function registerTotpRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/account/totp', async (request): Promise<TotpStatus> => {
    const user = await current(ctx, request);
    return { enabled: user.totp_secret !== null, pending: user.totp_pending_secret !== null };
  });

  app.post('/api/account/totp', async (request): Promise<TotpSetup> => {
    const user = await current(ctx, request);
    if (user.totp_secret !== null) throw new AppError('CONFLICT', 'Two-factor sign-in is already on. Turn it off first to move it to another app.');
    const secret = newTotpSecret();
    await setTotp(ctx.db, user.id, { pending: sealTotpSecret(ctx.credentialBox, user.id, secret) });
    return { secret, uri: totpUri(secret, user.email) };
  });

  app.post('/api/account/totp/confirm', async (request) => {
    const user = await current(ctx, request);
    const { code } = parseInput(TotpCodeBodySchema, request.body, 'code');
    if (user.totp_pending_secret === null) throw new AppError('CONFLICT', 'Start setting up two-factor sign-in first.');
    const step = checkTotp(openTotpSecret(ctx.credentialBox, user.id, user.totp_pending_secret), code);
    if (step === null) throw new AppError('BAD_REQUEST', 'That code does not match. Check the app shows Earshot and enter its current code.');
    if (!(await setTotp(ctx.db, user.id, { enable: true, step }))) throw new AppError('CONFLICT', 'Start setting up two-factor sign-in first.');
    await audit(ctx, request, 'totp.enabled', { target: ['user', user.id] });
    return { enabled: true, pending: false } satisfies TotpStatus;
  });

  app.post('/api/account/totp/disable', async (request) => {
    const user = await current(ctx, request);
    const { code } = parseInput(TotpCodeBodySchema, request.body, 'code');
    if (user.totp_secret === null) throw new AppError('CONFLICT', 'Two-factor sign-in is not on.');
    const step = checkTotp(openTotpSecret(ctx.credentialBox, user.id, user.totp_secret), code);
    if (step === null || !(await claimTotpStep(ctx.db, user.id, step))) throw new AppError('BAD_REQUEST', 'That code is wrong or was already used. Enter the current code.');
    await setTotp(ctx.db, user.id, { disable: true });
    await audit(ctx, request, 'totp.disabled', { target: ['user', user.id], details: { email: user.email } });
    return { enabled: false, pending: false } satisfies TotpStatus;
  });

  /** For a user who lost their phone: an admin turns their second factor off. */
  app.delete('/api/users/:id/totp', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'user id');
    const user = await findUserById(ctx.db, id);
    if (!user) throw new AppError('NOT_FOUND', `User ${id} not found.`);
    await setTotp(ctx.db, id, { disable: true });
    await audit(ctx, request, 'totp.disabled', { target: ['user', id], details: { email: user.email, reset: true } });
    return reply.code(204).send();
  });
}

/** The signed-in user's current row; only a session (not an API token) may change the second factor. */
async function current(ctx: ServerContext, request: FastifyRequest) {
  if (request.apiToken) throw new AppError('FORBIDDEN', 'API tokens cannot change two-factor sign-in: sign in to the dashboard.');
  const user = await findUserById(ctx.db, userOf(request).id);
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
  return user;
}
