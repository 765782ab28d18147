import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { AppError, findSessionUser, type User } from '@earshot/db';
import type { ErrorBody } from '../api/contract.ts';
import { STATUS_BY_CODE } from './error-status.ts';
import { registerCatalogRoutes } from './routes/catalog.routes.ts';
import { registerEventRoutes } from './routes/events.routes.ts';
import { registerMentionRoutes } from './routes/mentions.routes.ts';
import { registerSessionRoutes } from './routes/session.routes.ts';
import { registerStreamRoutes } from './routes/streams.routes.ts';
import { registerConnectionRoutes } from './routes/connections.routes.ts';
import { registerAlertRoutes } from './routes/alerts.routes.ts';
import { registerQualityRoutes } from './routes/quality.routes.ts';
import { registerChannelRoutes } from './routes/channels.routes.ts';
import { hashSessionToken, SESSION_COOKIE } from './session-tokens.ts';
import type { ServerContext } from './server-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}

export interface BuildServerOptions {
  /** The built dashboard (web/dist/client); the API alone runs without it. */
  staticDir?: string | undefined;
}

export async function buildServer(ctx: ServerContext, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  // Open event streams would otherwise hold close() forever.
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, trustProxy: true, forceCloseConnections: true });
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await findSessionUser(ctx.db, hashSessionToken(token)) : undefined;
    if (!user) throw new AppError('UNAUTHORIZED', 'Sign in first: this session is missing or has expired.');
    request.user = user;
  });

  app.setErrorHandler((error, request, reply) => {
    let status = 500;
    let body: ErrorBody;
    if (error instanceof AppError) {
      status = STATUS_BY_CODE[error.code];
      body = { error: { code: error.code, message: error.message } };
    } else if (isFastifyClientError(error)) {
      // Malformed JSON, wrong content type, body too large: the client's to fix.
      status = error.statusCode;
      body = { error: { code: 'BAD_REQUEST', message: error.message } };
    } else {
      ctx.logger.error('request failed', { method: request.method, url: request.url, error: String(error) });
      body = { error: { code: 'INTERNAL', message: 'Something went wrong on the server; it has been logged. Try again.' } };
    }
    void reply.code(status).send(body);
  });

  registerSessionRoutes(app, ctx);
  registerMentionRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerStreamRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerQualityRoutes(app, ctx);
  registerChannelRoutes(app, ctx);

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, wildcard: false });
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

function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
