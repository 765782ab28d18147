import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../openapi/build-openapi.ts';
import { renderDocsPage } from '../openapi/render-docs-page.ts';
import type { DocumentedRoute } from '../openapi/build-openapi.ts';

/**
 * The API's OpenAPI document and a page to read it, built once from the routes Fastify
 * registered (after they all are) and the zod schemas the handlers parse with. Public: they
 * describe the API, never data (see README, "Integrations / API").
 */
export function registerOpenApiRoutes(app: FastifyInstance, routes: readonly DocumentedRoute[]): void {
  let built: { json: string; html: string } | undefined;
  const docs = () => {
    if (!built) {
      const document = buildOpenApiDocument(routes) as Parameters<typeof renderDocsPage>[0];
      built = { json: JSON.stringify(document), html: renderDocsPage(document) };
    }
    return built;
  };
  app.get('/api/openapi.json', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(docs().json));
  app.get('/api/docs', async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(docs().html));
}
