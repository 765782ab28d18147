import type { FastifyInstance } from 'fastify';
import { AppError, deleteSession, findUserByEmail, insertSession } from '@earshot/db';
import { SignInBodySchema } from '../../api/contract.ts';
import { parseInput } from '../parse.ts';
import { verifyPassword } from '../passwords.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../session-tokens.ts';
import { toUserDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';
import { SignInThrottle } from '../sign-in-throttle.ts';

export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Its own connection, failing fast: a sign-in must not hang while Redis is away.
  const redis = ctx.bus.connect({ maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1_000 });
  const throttle = new SignInThrottle(redis, ctx.bus.prefix, ctx.logger);

  app.post('/api/session', { config: { public: true } }, async (request, reply) => {
    const body = parseInput(SignInBodySchema, request.body, 'sign-in');
    const wait = await throttle.blockedFor(body.email, request.ip);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}, or ask an admin to reset the password.`);
    }
    const user = await findUserByEmail(ctx.db, body.email);
    // Same answer for an unknown email and a wrong password: no account probing.
    if (!user || !(await verifyPassword(body.password, user.password_hash))) {
      await throttle.failed(body.email, request.ip);
      throw new AppError('UNAUTHORIZED', 'Email or password is wrong.');
    }
    await throttle.succeeded(body.email, request.ip);
    const { token, hash } = newSessionToken();
    await insertSession(ctx.db, { tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secureCookies,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return { user: toUserDto(user) };
  });

  app.get('/api/session', async (request) => ({ user: toUserDto(request.user!) }));

  app.delete('/api/session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, hashSessionToken(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
