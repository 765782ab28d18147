import type { FastifyRequest } from 'fastify';
import { AppError, inBrandScope, type BrandScope, type User, type UserRole } from '@earshot/db';
import { roleAtLeast } from '../api/roles.ts';

/**
 * Who may call each route. `public` needs no session; a role means that role or any above it
 * (viewer < agent < manager < admin).
 */
export type Access = 'public' | UserRole;

export { ROLES } from '../api/roles.ts';

/**
 * THE permission table: every route the server registers, keyed `METHOD /path` exactly as
 * Fastify matched it (so `GET /%61pi/mentions` is decided by `GET /api/mentions`, never by the raw
 * URL). Registering a route that is missing here fails at start-up, and
 * tests/pipeline/route-access.test.ts requests every registered route as every role.
 * HEAD routes Fastify adds for GET routes share the GET entry.
 */
export const ROUTE_ACCESS = {
  'POST /api/session': 'public',
  'GET /api/session': 'viewer',
  // Signing out only ends the session named by the caller's own cookie.
  'DELETE /api/session': 'public',
  'DELETE /api/sessions': 'viewer',

  'GET /api/mentions': 'viewer',
  'GET /api/mentions/:id': 'viewer',
  'POST /api/mentions/:id/replies': 'agent',
  'POST /api/mentions/:id/corrections': 'agent',
  'GET /api/events': 'viewer',
  // Team inbox: everyone sees counts and who is on the team; agents change status and assign.
  'POST /api/mentions/status': 'agent',
  'POST /api/mentions/assign': 'agent',
  'GET /api/inbox/counts': 'viewer',
  'GET /api/teammates': 'viewer',
  // Presence: anyone reading a mention shows as viewing; only agents can be typing a reply.
  'PUT /api/mentions/:id/presence': 'viewer',
  'DELETE /api/mentions/:id/presence': 'viewer',
  'PUT /api/account/away': 'agent',
  'PUT /api/brands/:id/auto-assign': 'manager',
  // Each user's own in-app notices.
  'POST /api/mentions/:id/notes': 'agent',
  'GET /api/notices': 'viewer',
  'POST /api/notices/read': 'viewer',

  'GET /api/brands': 'viewer',
  'POST /api/brands': 'manager',
  'GET /api/streams': 'viewer',
  'POST /api/streams': 'manager',
  'PATCH /api/streams/:id': 'manager',
  // Deleting: managers, who set streams and brands up; the count of what goes is readable by them first.
  'GET /api/streams/:id/deletion': 'manager',
  'DELETE /api/streams/:id': 'manager',
  'GET /api/brands/:id/deletion': 'manager',
  'DELETE /api/brands/:id': 'manager',
  'GET /api/platforms': 'viewer',
  'GET /api/alerts': 'viewer',
  // Spike alerts: everyone reads rules and history; managers set rules (as they set up streams);
  // agents act on an alert (acknowledge, resolve, false alarm), as they reply to mentions.
  'GET /api/brands/:id/alert-rules': 'viewer',
  'POST /api/brands/:id/alert-rules': 'manager',
  'PATCH /api/alert-rules/:id': 'manager',
  'GET /api/brands/:id/alerts': 'viewer',
  'GET /api/alerts/:id': 'viewer',
  'POST /api/alerts/:id/acknowledge': 'agent',
  'POST /api/alerts/:id/resolve': 'agent',
  'POST /api/alerts/:id/false-alarm': 'agent',
  // Incidents: everyone reads them; agents send the holding reply (as they reply to a mention);
  // managers shorten the brand's deadlines (as they set its response targets).
  'GET /api/incidents': 'viewer',
  'GET /api/incidents/:id': 'viewer',
  'POST /api/incidents/:id/holding-reply': 'agent',
  'PUT /api/incidents/:id/deadlines': 'manager',
  'GET /api/brands/:id/sla-policy': 'viewer',
  'PUT /api/brands/:id/sla-policy': 'manager',
  'GET /api/agreement': 'viewer',

  // Reports are read by everyone who can read the inbox; generating one only stores what is read.
  'POST /api/reports': 'viewer',
  'GET /api/reports': 'viewer',
  'GET /api/reports/:id': 'viewer',
  'GET /api/reports/:id/report.csv': 'viewer',
  'GET /api/reports/:id/report.pdf': 'viewer',
  'GET /api/reports/:id/mentions.csv': 'viewer',

  'GET /api/connections': 'admin',
  'PUT /api/connections/:platform': 'admin',
  'DELETE /api/connections/:platform': 'admin',

  // The audit log names every user and holds reply texts and client addresses.
  'GET /api/audit': 'admin',
  'GET /api/audit.csv': 'admin',

  'GET /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'PUT /api/users/:id/brands': 'admin',
  'GET /api/invitations': 'admin',
  'POST /api/invitations': 'admin',
  'DELETE /api/invitations/:id': 'admin',
  // The invitation's token is the credential; it is checked before anything else happens.
  'POST /api/invitations/preview': 'public',
  'POST /api/invitations/accept': 'public',
  // "Forgot password": the same answer whether or not the email has an account; the mailed
  // link's token is the credential for the second.
  'POST /api/password-reset': 'public',
  'POST /api/password-reset/confirm': 'public',

  // Everyone manages their own API tokens (only from a signed-in session, never with a token).
  'GET /api/tokens': 'viewer',
  'POST /api/tokens': 'viewer',
  'DELETE /api/tokens/:id': 'viewer',

  // Everyone's own second factor; admins can turn someone's off (a lost phone).
  'GET /api/account/totp': 'viewer',
  'POST /api/account/totp': 'viewer',
  'POST /api/account/totp/confirm': 'viewer',
  'POST /api/account/totp/disable': 'viewer',
  'DELETE /api/users/:id/totp': 'admin',

  // Notification channels reach the team's own systems (email, webhooks); managers set them up
  // as they set up streams. The delivery log shows their errors.
  'GET /api/notification-channels': 'manager',
  'POST /api/notification-channels': 'manager',
  'PATCH /api/notification-channels/:id': 'manager',
  'DELETE /api/notification-channels/:id': 'manager',
  'POST /api/notification-channels/:id/test': 'manager',
  'GET /api/notification-channels/:id/deliveries': 'manager',
  'GET /api/notifications/:id/deliveries': 'manager',

  // Finding in the inbox (issue #11): agents tag as they work; everyone keeps their own views;
  // the pre-send check reads what an agent is about to send.
  'GET /api/tags': 'viewer',
  'POST /api/tags': 'agent',
  'POST /api/mentions/tags': 'agent',
  'DELETE /api/mentions/:id/tags/:tagId': 'agent',
  'GET /api/saved-views': 'viewer',
  'POST /api/saved-views': 'viewer',
  'DELETE /api/saved-views/:id': 'viewer',
  'GET /api/mentions/:id/author': 'viewer',
  'POST /api/replies/check': 'agent',
  // Saved replies: agents insert them as they reply; managers write them, as they set up streams.
  'GET /api/saved-replies': 'agent',
  'POST /api/saved-replies': 'manager',
  'PUT /api/saved-replies/:id': 'manager',
  'DELETE /api/saved-replies/:id': 'manager',
  // The API's description (OpenAPI document and a page of it): routes and schemas, never data.
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',

  // Probes for load balancers: whether the process and its dependencies answer, no data.
  'GET /healthz': 'public',
  'GET /readyz': 'public',

  // The built dashboard's files (@fastify/static); the shell holds no data.
  'GET /*': 'public',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

/** The table's key for a route as Fastify registered it. */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function accessFor(method: string, url: string): Access | undefined {
  return (ROUTE_ACCESS as Record<string, Access>)[routeKey(method, url)];
}

export function allows(access: Access, role: UserRole | undefined): boolean {
  return access === 'public' || roleAtLeast(role, access);
}

/**
 * The signed-in user. Handlers of non-public routes call this instead of trusting that a hook
 * ran: a route wired wrongly fails closed (401), never with a 500 or as someone else.
 */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
  return request.user;
}

/**
 * The brands the signed-in caller may see, resolved once per request with the user (their brand
 * limit, narrowed by their API token's). Pass it to every db query over brand data: those
 * queries take a required `scope`, so a new route cannot forget it silently. Fails closed like
 * userOf.
 */
export function scopeOf(request: FastifyRequest): BrandScope {
  userOf(request);
  if (!request.brandScope) throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
  return request.brandScope;
}

/**
 * A brand named in a request (path or body) that the caller may not see answers 404, exactly as
 * a brand that does not exist: a limited user learns nothing about other brands.
 */
export function requireBrandInScope(request: FastifyRequest, brandId: string, what = `Brand ${brandId}`): void {
  if (!inBrandScope(scopeOf(request), brandId)) throw new AppError('NOT_FOUND', `${what} not found; pick one of the brands listed.`);
}
