import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { AppError, findApiTokenUser, findBrandScope, findSessionUser, touchApiToken, touchSession, type AppErrorCode, type BrandScope, type User } from '@earshot/db';
import { ROLE_RANK } from '../api/roles.ts';
import type { FieldProblem } from '../api/field-labels.ts';
import { accessFor, allows, type Access } from './access.ts';
import { applySecurityHeaders, checkSameOrigin, findControlCharacter, writeClientError } from './request-guards.ts';
import type { ErrorBody } from '../api/contract.ts';
import { STATUS_BY_CODE } from './error-status.ts';
import { registerSessionRoutes } from './routes/session.routes.ts';
import { registerMentionRoutes } from './routes/mentions.routes.ts';
import { registerMentionStatusRoutes } from './routes/mention-status.routes.ts';
import { registerAssignmentRoutes } from './routes/assignment.routes.ts';
import { registerPresenceRoutes } from './routes/presence.routes.ts';
import { registerNoteRoutes } from './routes/notes.routes.ts';
import { registerNoticeRoutes } from './routes/notices.routes.ts';
import { registerInboxCountRoutes } from './routes/inbox-counts.routes.ts';
import { registerTeammateRoutes } from './routes/teammates.routes.ts';
import { registerAccountRoutes } from './routes/account.routes.ts';
import { registerBrandRoutes } from './routes/brands.routes.ts';
import { registerStreamRoutes } from './routes/streams.routes.ts';
import { registerPlatformRoutes } from './routes/platforms.routes.ts';
import { registerEventRoutes } from './routes/events.routes.ts';
import { registerConnectionRoutes } from './routes/connections.routes.ts';
import { registerAlertRoutes } from './routes/alerts.routes.ts';
import { registerIncidentRoutes } from './routes/incidents.routes.ts';
import { registerSlaPolicyRoutes } from './routes/sla-policies.routes.ts';
import { registerCorrectionRoutes } from './routes/corrections.routes.ts';
import { registerAgreementRoutes } from './routes/agreement.routes.ts';
import { registerAuditRoutes } from './routes/audit.routes.ts';
import { registerUserRoutes } from './routes/users.routes.ts';
import { registerInvitationRoutes } from './routes/invitations.routes.ts';
import { registerTokenRoutes } from './routes/tokens.routes.ts';
import { registerTotpRoutes } from './routes/totp.routes.ts';
import { registerReportRoutes } from './routes/reports.routes.ts';
import { registerChannelRoutes } from './routes/channels.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerTagRoutes } from './routes/tags.routes.ts';
import { registerSavedViewRoutes } from './routes/saved-views.routes.ts';
import { registerAuthorRoutes } from './routes/authors.routes.ts';
import { registerReplyCheckRoutes } from './routes/reply-checks.routes.ts';
import { registerPasswordResetRoutes } from './routes/password-reset.routes.ts';
import { registerOpenApiRoutes } from './routes/openapi.routes.ts';
import { registerSavedReplyRoutes } from './routes/saved-replies.routes.ts';
import { hashSessionToken } from './session-tokens.ts';
import { markWrote } from './read-pool.ts';
import type { ServerContext } from './server-context.ts';
import { fastifyLogger, requestIdOf } from './fastify-logger.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    /** Set when the request was authenticated by an API token rather than a session. */
    apiToken?: { id: string; name: string };
    /** The brands the caller may see (every brand unless their user or token is limited); read with scopeOf. */
    brandScope?: BrandScope;
  }
  interface FastifyContextConfig {
    /** Who may call the route: copied from ROUTE_ACCESS when the route is registered. */
    access?: Access;
  }
}

export interface BuildServerOptions {
  /** The built dashboard (web/dist/client); the API alone runs without it. */
  staticDir?: string | undefined;
}

const CODE_BY_CLIENT_STATUS: Partial<Record<number, AppErrorCode>> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' };

/** Methods that change state: they must come from the dashboard's own origin, as JSON. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A session used within this long is not written again: one write a minute at most. */
const TOUCH_AFTER_MS = 60_000;

export async function buildServer(ctx: ServerContext, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // The app's logger, not a second one: `request.log` lines carry the request id.
    loggerInstance: fastifyLogger(ctx.logger),
    genReqId: requestIdOf,
    bodyLimit: 256 * 1024,
    // Only a configured proxy may say who the client is; otherwise X-Forwarded-For is ignored.
    trustProxy: typeof ctx.trustProxy === 'number' ? trustHops(ctx.trustProxy) : ctx.trustProxy,
    // Open event streams would otherwise hold close() forever.
    forceCloseConnections: true,
    clientErrorHandler: writeClientError,
    // The router's own refusals (a path segment over 100 characters, bad percent-encoding)
    // answer in the app's error format too, for every method.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const message = tooLong
        ? 'A part of the path is longer than 100 characters, and no id is that long: check the URL.'
        : 'The URL is malformed (check its percent-encoding).';
      void (reply as FastifyReply).code(tooLong ? 414 : 400).send({ error: { code: 'BAD_REQUEST', message } } satisfies ErrorBody);
    },
  });
  await app.register(fastifyCookie);
  // Only JSON bodies: a cross-site form (urlencoded, multipart, text/plain) gets a 415.
  app.removeContentTypeParser('text/plain');

  const routes: RegisteredRoute[] = [];
  app.decorate('earshotRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const decided = new Set(methods.map((m) => accessFor(m, route.url)));
    const [access] = decided;
    if (access === undefined || decided.size !== 1) {
      throw new Error(`Route ${methods.join(',')} ${route.url} has no entry in the permission table (web/src/server/access.ts): add one.`);
    }
    route.config = { ...route.config, access };
    for (const method of methods) routes.push({ method, url: route.url, access });
  });

  // Access is decided on the route the router matched, never on the raw URL: `/%61pi/mentions`
  // matches `/api/mentions` and is judged as it. Unmatched requests reach only the not-found
  // handler, which serves no data.
  app.addHook('onRequest', async (request) => {
    if (UNSAFE_METHODS.has(request.method)) checkSameOrigin(request);
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      if (request.is404) return;
      throw new AppError('FORBIDDEN', 'This route has no access rule, so it is closed.');
    }
    if (access === 'public') return;
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) {
      const byToken = await findApiTokenUser(ctx.db, hashSessionToken(bearer));
      if (!byToken) throw new AppError('UNAUTHORIZED', 'This API token is unknown, revoked or expired, or its user is disabled. Create a new one.');
      // The narrower of the token's role and its user's role now: demoting a user narrows their tokens.
      const role = ROLE_RANK[byToken.token.role] < ROLE_RANK[byToken.user.role] ? byToken.token.role : byToken.user.role;
      if (!allows(access, role)) {
        throw new AppError('FORBIDDEN', `This API token acts as ${role}, and this needs ${access} or above. Create a token with a higher role.`);
      }
      const lastUsed = byToken.token.last_used_at?.getTime() ?? 0;
      if (Date.now() - lastUsed > TOUCH_AFTER_MS) await touchApiToken(ctx.db, byToken.token.id);
      request.user = { ...byToken.user, role };
      request.apiToken = { id: byToken.token.id, name: byToken.token.name };
      request.brandScope = await findBrandScope(ctx.db, byToken.user.id, byToken.token.id);
      return;
    }
    const token = request.cookies[ctx.sessionCookie.name];
    const found = token ? await findSessionUser(ctx.db, hashSessionToken(token), ctx.sessionCookie.idleMs) : undefined;
    if (!found) throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
    if (!allows(access, found.user.role)) {
      throw new AppError('FORBIDDEN', `Your role (${found.user.role}) cannot do this: it needs ${access} or above. Ask an admin.`);
    }
    if (Date.now() - found.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(ctx.db, hashSessionToken(token!));
    request.user = found.user;
    request.brandScope = await findBrandScope(ctx.db, found.user.id);
  });

  // Hostile input never reaches a query: control characters (PostgreSQL refuses NUL) are
  // refused with the field's name, whatever the route.
  app.addHook('preHandler', async (request) => {
    // Fails closed: a non-public route never runs without a signed-in user.
    const access = request.routeOptions.config.access;
    if (access !== undefined && access !== 'public' && !request.user) {
      throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
    }
    for (const [where, value] of [['body', request.body], ['query', request.query], ['path', request.params]] as const) {
      const field = findControlCharacter(value, []);
      if (field !== undefined) {
        const name = field.length > 0 ? field.join('.') : where;
        throw new AppError('BAD_REQUEST', `The ${where === 'body' ? 'request' : where} field "${name}" contains a control character (such as NUL), which Earshot does not store. Remove it and try again.`);
      }
    }
  });

  app.addHook('onSend', async (request, reply) => {
    applySecurityHeaders(reply);
    void reply.header('x-request-id', request.id);
    if (UNSAFE_METHODS.has(request.method) && request.user) markWrote(ctx, reply);
    if ((request.routeOptions.url ?? request.url).startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error, request, reply) => {
    let status = 500;
    let body: ErrorBody;
    if (error instanceof AppError) {
      status = STATUS_BY_CODE[error.code];
      const { reason, fields } = (error.details ?? {}) as { reason?: unknown; fields?: unknown };
      body = {
        error: {
          code: error.code,
          message: error.message,
          ...(typeof reason === 'string' ? { reason } : {}),
          ...(Array.isArray(fields) ? { fields: fields as FieldProblem[] } : {}),
        },
      };
    } else if (isFastifyClientError(error)) {
      // Malformed JSON, wrong content type, body too large: the client's to fix.
      status = error.statusCode;
      body = { error: { code: CODE_BY_CLIENT_STATUS[status] ?? 'BAD_REQUEST', message: error.message } };
    } else {
      request.log.error({ method: request.method, url: request.url, error: String(error) }, 'request failed');
      body = { error: { code: 'INTERNAL', message: 'Something went wrong on the server; it has been logged. Try again.' } };
    }
    void reply.code(status).send(body);
  });

  registerSessionRoutes(app, ctx);
  registerMentionRoutes(app, ctx);
  registerMentionStatusRoutes(app, ctx);
  registerAssignmentRoutes(app, ctx);
  registerPresenceRoutes(app, ctx);
  registerNoteRoutes(app, ctx);
  registerNoticeRoutes(app, ctx);
  registerInboxCountRoutes(app, ctx);
  registerTeammateRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerBrandRoutes(app, ctx);
  registerStreamRoutes(app, ctx);
  registerPlatformRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerIncidentRoutes(app, ctx);
  registerSlaPolicyRoutes(app, ctx);
  registerCorrectionRoutes(app, ctx);
  registerAgreementRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerTotpRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerChannelRoutes(app, ctx);
  registerHealthRoutes(app, ctx);
  registerTagRoutes(app, ctx);
  registerSavedViewRoutes(app, ctx);
  registerAuthorRoutes(app, ctx);
  registerReplyCheckRoutes(app, ctx);
  registerPasswordResetRoutes(app, ctx);
  registerSavedReplyRoutes(app, ctx);
  registerOpenApiRoutes(app, routes);

  if (options.staticDir && existsSync(options.staticDir)) {
    // One wildcard route (GET /*) for every file, so the permission table has one entry for them.
    await app.register(fastifyStatic, { root: options.staticDir, wildcard: true });
    // The dashboard routes in the browser: unknown non-API paths get the app shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.` } } satisfies ErrorBody);
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.` } } satisfies ErrorBody),
    );
  }
  return app;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

/** Every route Fastify registered, as its onRoute hook reported them (for the access test). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return (app as unknown as { earshotRoutes: RegisteredRoute[] }).earshotRoutes;
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Trusts the `hops` proxies nearest the server (proxy-addr calls this per address, nearest first). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
