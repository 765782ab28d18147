import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { LogFields, Logger } from '@earshot/db';

/**
 * Fastify's logger interface (pino's shape) written to the app's Logger, so the server's own
 * lines and `request.log` go where every other line goes, redacted the same way, with the
 * request id bound. Fastify's per-request "incoming request" / "request completed" lines are
 * access logs: they go out at debug, so `LOG_LEVEL=debug` shows every request.
 */
export function fastifyLogger(logger: Logger, bindings: LogFields = {}): FastifyBaseLogger {
  const write = (level: keyof Logger, quietAccessLog: boolean) => (first: unknown, second?: unknown) => {
    const fields: LogFields = { ...bindings };
    let message = '';
    if (typeof first === 'string') message = first;
    else {
      if (first instanceof Error) fields.error = first.message;
      else if (first && typeof first === 'object') Object.assign(fields, plainFields(first as Record<string, unknown>));
      if (typeof second === 'string') message = second;
    }
    const access = quietAccessLog && (message === 'incoming request' || message === 'request completed');
    logger[access ? 'debug' : level](message, fields);
  };
  return {
    level: 'debug',
    fatal: write('error', false),
    error: write('error', false),
    warn: write('warn', false),
    info: write('info', true),
    debug: write('debug', false),
    trace: () => undefined,
    silent: () => undefined,
    child: (more) => fastifyLogger(logger, { ...bindings, ...plainFields(more) }),
  };
}

/** Requests, replies and errors Fastify passes are reduced to a few JSON-safe fields. */
function plainFields(object: Record<string, unknown>): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'req' && value && typeof value === 'object') {
      const req = value as { method?: string; url?: string };
      out.method = req.method;
      out.url = req.url;
    } else if (key === 'res' && value && typeof value === 'object') {
      out.status = (value as { statusCode?: number }).statusCode;
    } else if (value instanceof Error) {
      out[key] = value.message;
    } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value;
    }
  }
  return out;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * A request's id: the `X-Request-Id` a proxy in front already gave it (so its logs and ours
 * line up), when it looks like an id; otherwise a new one. Echoed in the response.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
