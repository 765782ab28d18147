import type { FastifyInstance } from 'fastify';
import { AppError, claimTotpStep, deleteSession, deleteUserSessions, findUserByEmail } from '@earshot/db';
import { checkTotp, openTotpSecret } from '../totp.ts';
import { SignInBodySchema } from '../../api/contract.ts';
import { userOf } from '../access.ts';
import { parseInput } from '../parse.ts';
import { PasswordChecks } from '../password-checks.ts';
import { hashSessionToken } from '../session-tokens.ts';
import { startSession } from '../start-session.ts';
import { toUserDto } from '../to-dto.ts';
import { audit } from '../audit.ts';
import type { ServerContext } from '../server-context.ts';
import { SignInThrottle } from '../sign-in-throttle.ts';

export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Its own connection, failing fast: a sign-in must not hang while Redis is away.
  const redis = ctx.bus.connect({ maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1_000 });
  const throttle = new SignInThrottle(redis, ctx.bus.prefix, ctx.logger);
  const checks = new PasswordChecks();
  const cookie = ctx.sessionCookie;
  app.addHook('onClose', async () => {
    redis.disconnect();
  });

  app.post('/api/session', async (request, reply) => {
    const body = parseInput(SignInBodySchema, request.body, 'sign-in');
    const wait = await throttle.blockedFor(body.email, request.ip);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${describeWait(wait)}, or ask an admin to reset the password.`);
    }
    const user = await findUserByEmail(ctx.db, body.email);
    // Same answer, and the same work, for an unknown email and a wrong password: no account probing.
    if (!(await checks.verify(request.ip, body.password, user?.password_hash)) || !user) {
      await throttle.failed(body.email, request.ip);
      ctx.logger.warn('failed sign-in', { address: request.ip, knownAccount: !!user });
      await audit(ctx, request, 'session.sign_in_failed', { actor: { label: body.email.toLowerCase() }, details: { reason: user ? 'wrong password' : 'unknown account' } });
      throw new AppError('UNAUTHORIZED', 'Email or password is wrong.');
    }
    // Said only to someone who knows the password: it tells an attacker nothing.
    if (user.disabled_at !== null) {
      await audit(ctx, request, 'session.sign_in_failed', { actor: { label: user.email }, target: ['user', user.id], details: { reason: 'disabled' } });
      throw new AppError('FORBIDDEN', 'This account has been disabled. Ask an admin of this Earshot if you need access again.');
    }
    if (user.totp_secret !== null) {
      if (body.code === undefined) throw new AppError('UNAUTHORIZED', 'Enter the 6-digit code from your authenticator app.', { reason: 'totp_required' });
      const step = checkTotp(openTotpSecret(ctx.credentialBox, user.id, user.totp_secret), body.code);
      // A wrong or replayed code counts as a failed sign-in, so codes cannot be guessed faster than passwords.
      if (step === null || !(await claimTotpStep(ctx.db, user.id, step))) {
        await throttle.failed(body.email, request.ip);
        await audit(ctx, request, 'session.sign_in_failed', { actor: { label: user.email }, target: ['user', user.id], details: { reason: step === null ? 'wrong code' : 'code used twice' } });
        throw new AppError('UNAUTHORIZED', 'That code is wrong or was already used. Enter the current code from your authenticator app.', { reason: 'totp_required' });
      }
    }
    await throttle.succeeded(body.email, request.ip);
    await startSession(ctx, reply, user.id);
    await audit(ctx, request, 'session.sign_in', { actor: user, target: ['user', user.id] });
    return { user: toUserDto(user) };
  });

  app.get('/api/session', async (request) => ({ user: toUserDto(userOf(request)) }));

  app.delete('/api/session', async (request, reply) => {
    const token = request.cookies[cookie.name];
    if (token) await deleteSession(ctx.db, hashSessionToken(token));
    reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure });
    return reply.code(204).send();
  });

  /** Sign out everywhere: every session of this user ends, this one included. */
  app.delete('/api/sessions', async (request, reply) => {
    const ended = await deleteUserSessions(ctx.db, userOf(request).id);
    ctx.logger.info('signed out everywhere', { user: userOf(request).email, ended });
    await audit(ctx, request, 'session.sign_out_everywhere', { target: ['user', userOf(request).id], details: { sessionsEnded: ended } });
    reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure });
    return reply.code(204).send();
  });
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
