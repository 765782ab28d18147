import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '@earshot/db';
import type { ServerContext } from './server-context.ts';

// Which reads may go to the read replica (EARSHOT_DATABASE_READ_URL). Lists that tolerate a
// second of lag do: inbox pages, inbox counts, stored reports. Everything else reads the
// primary: sign-in and sessions, the mention panel (it shows the reply or status change the
// user just made), and every read inside a write.
//
// Read-your-writes: a request that changes something sets a short-lived cookie, and while it
// lives that browser's reads go to the primary too, so the inbox refreshed right after a reply,
// an assignment or a status change shows it, whichever web process answers (the cookie travels
// with the browser, not with a process). API-token clients send no cookies: their reads may lag
// their own writes by the replica's delay.

/** Named `__Host-…` when the session cookie is Secure, like it. */
const WROTE_COOKIE = 'earshot_wrote';
/** How long after a write the browser reads from the primary: well above a healthy replica's lag. */
export const READ_YOUR_WRITES_MS = 10_000;

function cookieName(ctx: ServerContext): string {
  return ctx.sessionCookie.secure ? `__Host-${WROTE_COOKIE}` : WROTE_COOKIE;
}

/** The pool for a read that tolerates lag: the replica, unless this browser wrote moments ago or the replica is down. */
export function readDbFor(ctx: ServerContext, request: FastifyRequest): Database {
  if (ctx.readDb === ctx.db || ctx.readiness.replicaDown()) return ctx.db;
  return request.cookies[cookieName(ctx)] === undefined ? ctx.readDb : ctx.db;
}

/** After a request that may have written: this browser reads from the primary for a while. */
export function markWrote(ctx: ServerContext, reply: FastifyReply): void {
  if (ctx.readDb === ctx.db) return;
  void reply.setCookie(cookieName(ctx), '1', {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.sessionCookie.secure,
    maxAge: READ_YOUR_WRITES_MS / 1000,
  });
}
