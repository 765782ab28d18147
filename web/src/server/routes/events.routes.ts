import type { FastifyInstance } from 'fastify';
import { inBrandScope } from '@earshot/db';
import { scopeOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

const HEARTBEAT_MS = 15_000;

/** Server-Sent Events: each mention event becomes an SSE event named by its type. */
export function registerEventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/events', (request, reply) => {
    // HEAD (added by Fastify for every GET) says what the stream is without opening it.
    if (request.method === 'HEAD') return reply.header('content-type', 'text/event-stream; charset=utf-8').send();
    const scope = scopeOf(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 3000\n\n');
    const stopListening = ctx.live.listen((event) => {
      // Mention events of brands outside the caller's scope are not theirs to see, not even by id.
      if ('brandId' in event && !inBrandScope(scope, event.brandId)) return;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      stopListening();
    });
  });
}
