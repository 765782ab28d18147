import { z } from 'zod';
import type { Access } from '../access.ts';
import { ROUTE_DOCS, type RouteDoc } from './route-docs.ts';
import { ROUTE_RESPONSES } from './route-responses.ts';

export interface DocumentedRoute {
  method: string;
  url: string;
  access: Access;
}

type JsonObject = Record<string, unknown>;

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().describe('What happened and what to do next, in words.'), reason: z.string().optional() }),
});

/** A zod schema as JSON Schema (2020-12, which OpenAPI 3.1 uses), as the client sends (`input`) or receives it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dropped, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const PATH_PARAMS: Record<string, JsonObject> = {
  id: { type: 'string', format: 'uuid' },
  platform: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
};

/** `/api/mentions/:id` → `/api/mentions/{id}`; the static wildcard `/*` → `/{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}

function operation(route: DocumentedRoute, doc: RouteDoc | undefined): JsonObject {
  const parameters: JsonObject[] = [];
  for (const [, name] of openApiPath(route.url).matchAll(/\{([A-Za-z]+)\}/g)) {
    parameters.push({ name, in: 'path', required: true, schema: PATH_PARAMS[name!] ?? { type: 'string' } });
  }
  if (doc?.query) {
    const query = jsonSchema(doc.query, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  const status = String(doc?.status ?? 200);
  let success: JsonObject;
  if (status === '204') success = { description: 'Done; no body.' };
  else if (doc?.mediaType) success = { description: doc.summary, content: { [doc.mediaType]: { schema: { type: 'string' } } } };
  else if (doc?.response) success = { description: 'Success.', content: { 'application/json': { schema: jsonSchema(doc.response, 'output') } } };
  else success = { description: `Success: ${doc?.responseType ?? 'JSON'} (see the TypeScript contract in web/src/api/).`, content: { 'application/json': { schema: { type: 'object', 'x-earshot-type': doc?.responseType ?? 'object' } } } };
  const error = { $ref: '#/components/responses/Error' };
  const responses: JsonObject = { [status]: success, '400': error, '404': error };
  if (route.access !== 'public') Object.assign(responses, { '401': error, '403': error });
  return {
    operationId: `${route.method.toLowerCase()} ${route.url}`,
    summary: doc?.summary ?? 'Not described yet.',
    description: route.access === 'public' ? 'Public: no session or token needed.' : `Needs the ${route.access} role or above (a session cookie, or an API token as \`Authorization: Bearer …\`).`,
    'x-earshot-access': route.access,
    tags: [route.url.split('/')[2] ?? 'dashboard'],
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc?.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of every route the server registered (as Fastify reported them), with
 * the role each needs from ROUTE_ACCESS and the request schemas the handlers parse with.
 */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    if (route.method === 'HEAD') continue;
    const key = `${route.method} ${route.url}` as keyof typeof ROUTE_DOCS;
    // The answer's schema from route-responses.ts, where it has one, over the doc's type name.
    const doc = ROUTE_DOCS[key], response = ROUTE_RESPONSES[key];
    (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = operation(route, doc && response ? { ...doc, response } : doc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Earshot API',
      version: '1',
      description:
        'Everything the dashboard does goes through this API. Integrations authenticate with an API token (Team → your account → API tokens) sent as `Authorization: Bearer <token>`; it acts as its user with the narrower of its role and theirs, and only on the brands both may see. Errors answer `{ error: { code, message } }`.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'earshot_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      responses: { Error: { description: 'Refused; the message says why and what to do.', content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } } } },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}
