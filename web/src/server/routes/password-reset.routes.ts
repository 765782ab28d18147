import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError, findOpenPasswordReset, findUserByEmail, insertPasswordReset, usePasswordReset } from '@earshot/db';
import {
  PasswordResetConfirmBodySchema,
  PasswordResetRequestBodySchema,
  type PasswordResetAnswer,
} from '../../api/password-reset-contract.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { hashPassword } from '../passwords.ts';
import { hashSessionToken } from '../session-tokens.ts';
import type { ServerContext } from '../server-context.ts';

/** A link works this long. */
export const RESET_LINK_TTL_MS = 60 * 60_000;
/** At most this many reset emails per account per hour, however many addresses ask. */
const PER_ACCOUNT_PER_HOUR = 3;
/** Reset asks from one address per 15 minutes (a link's token, 32 random bytes, needs no throttle). */
const PER_ADDRESS = 20;
const ADDRESS_WINDOW_S = 15 * 60;

const SENT: PasswordResetAnswer = {
  message: 'If that email has an Earshot account, a link to choose a new password is on its way. It works once, for an hour.',
};

/**
 * "Forgot password". The request answers before looking anything up, so the answer and its
 * timing are the same whether or not the email has an account; the lookup, the per-account limit
 * and the queueing of the email happen after it. The link's token is made and mailed by the
 * worker (jobs.sendPasswordReset); only its hash is stored.
 */
export function registerPasswordResetRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const redis = ctx.bus.connect({ maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1_000 });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });

  /** Counts one ask from this address; refuses past the limit (the same for every email, so it tells nothing). */
  const throttle = async (address: string) => {
    const key = `${ctx.bus.prefix}:password-reset:addr:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`;
    let count = 0;
    try {
      const results = (await redis.multi().incr(key).expire(key, ADDRESS_WINDOW_S, 'NX').exec()) as [[unknown, number], unknown];
      count = Number(results[0][1]);
    } catch (error) {
      ctx.logger.warn('password reset throttle unavailable; not limiting', { error: (error as Error).message });
    }
    if (count > PER_ADDRESS) throw new AppError('RATE_LIMITED', 'Too many password reset attempts from your address. Wait 15 minutes and try again.');
  };

  const requestReset = async (email: string, request: Parameters<typeof audit>[1]) => {
    const user = await findUserByEmail(ctx.db, email);
    if (!user || user.disabled_at !== null) return;
    const resetId = await insertPasswordReset(ctx.db, { userId: user.id, expiresAt: new Date(Date.now() + RESET_LINK_TTL_MS), maxPerWindow: PER_ACCOUNT_PER_HOUR, windowMs: 60 * 60_000 });
    await audit(ctx, request, 'user.password_reset_requested', { actor: { label: 'password reset' }, target: ['user', user.id], details: { email: user.email, sent: resetId !== undefined } });
    if (resetId === undefined) return;
    await ctx.bus.enqueue('sendPasswordReset', { resetId });
  };

  app.post('/api/password-reset', async (request, reply) => {
    const { email } = parseInput(PasswordResetRequestBodySchema, request.body, 'password reset');
    await throttle(request.ip);
    // After the answer: nothing the caller can time depends on whether the account exists.
    setImmediate(() => {
      requestReset(email, request).catch((error: unknown) => ctx.logger.error('password reset request failed', { error: String(error) }));
    });
    return reply.code(202).send(SENT);
  });

  app.post('/api/password-reset/confirm', async (request): Promise<PasswordResetAnswer> => {
    const body = parseInput(PasswordResetConfirmBodySchema, request.body, 'new password');
    const invalid = new AppError('NOT_FOUND', 'This reset link does not work any more: it was used, it expired, or a newer one was sent. Ask for a new one from the sign-in page.');
    const tokenHash = hashSessionToken(body.token);
    // Checked before hashing the password, so a bad link costs the server nothing.
    if (!(await findOpenPasswordReset(ctx.db, tokenHash))) throw invalid;
    const used = await usePasswordReset(ctx.db, tokenHash, await hashPassword(body.password));
    if (!used) throw invalid;
    await audit(ctx, request, 'user.password_reset', { actor: used.user, target: ['user', used.user.id], details: { email: used.user.email, sessionsEnded: used.sessionsEnded } });
    return { message: 'Your password is changed and every session of yours has ended. Sign in with the new password.' };
  });
}
