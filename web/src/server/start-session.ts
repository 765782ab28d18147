import type { FastifyReply } from 'fastify';
import { insertSession } from '@earshot/db';
import { newSessionToken } from './session-tokens.ts';
import type { ServerContext } from './server-context.ts';

/** Starts a session for the user and sets its cookie (only the token's hash is stored). */
export async function startSession(ctx: ServerContext, reply: FastifyReply, userId: string): Promise<void> {
  const cookie = ctx.sessionCookie;
  const { token, hash } = newSessionToken();
  await insertSession(ctx.db, { tokenHash: hash, userId, expiresAt: new Date(Date.now() + cookie.ttlMs) });
  reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookie.secure, maxAge: cookie.ttlMs / 1000 });
}
