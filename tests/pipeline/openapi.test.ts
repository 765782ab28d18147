import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// The OpenAPI document lists every route Fastify registered (not a hand-kept list) with its
// method, path, the role the permission table gives it, and the request schemas its handler
// parses with; it is a valid OpenAPI 3.1 document; and /api/docs shows it under the CSP.

interface Operation {
  summary: string;
  'x-earshot-access': string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: { type?: string; properties?: Record<string, unknown>; oneOf?: unknown; anyOf?: unknown } } } };
  responses: Record<string, unknown>;
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
    const res = await rawRequest(app.url, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = JSON.parse(res.body) as typeof doc;
  });
  afterAll(async () => app?.stop());

  it('describes every registered route with its method, path, role and a summary', () => {
    const problems: string[] = [];
    const routes = app.earshot.routes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      if (!op) {
        problems.push(`${route.method} ${route.url}: missing`);
        continue;
      }
      if (op['x-earshot-access'] !== route.access) problems.push(`${route.method} ${route.url}: access ${op['x-earshot-access']}, table says ${route.access}`);
      if (op.summary === 'Not described yet.') problems.push(`${route.method} ${route.url}: no entry in web/src/server/openapi/route-docs.ts`);
      for (const [, name] of path.matchAll(/\{([A-Za-z]+)\}/g)) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === name)) problems.push(`${route.method} ${route.url}: path parameter ${name} undocumented`);
      }
      if (Object.keys(op.responses).length === 0) problems.push(`${route.method} ${route.url}: no responses`);
    }
    expect(problems).toEqual([]);
  });

  it('gives request bodies and queries from the zod schemas the handlers parse with', () => {
    const reply = doc.paths['/api/mentions/{id}/replies']!.post!;
    const schema = reply.requestBody!.content['application/json'].schema;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['confirm', 'idempotencyKey', 'overrides', 'text']);
    const inbox = doc.paths['/api/mentions']!.get!;
    expect(inbox.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'brandId', 'cursor', 'limit']));
    const limit = doc.paths['/api/users/{id}/brands']!.put!;
    expect(limit['x-earshot-access']).toBe('admin');
    expect(Object.keys(limit.requestBody!.content['application/json'].schema.properties ?? {})).toEqual(['brandIds']);
    // Every write that takes a body in the dashboard documents one.
    for (const [path, method] of [['/api/streams', 'post'], ['/api/brands/{id}/sla-policy', 'put'], ['/api/notification-channels', 'post'], ['/api/password-reset', 'post']] as const) {
      expect(doc.paths[path]![method]!.requestBody, `${method} ${path}`).toBeDefined();
    }
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('serves a readable page of it at /api/docs, without scripts, under the CSP, without signing in', async () => {
    const res = await rawRequest(app.url, 'GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.body).not.toMatch(/<script|style=|https?:\/\/(?!127\.0\.0\.1)/i);
    expect(res.body).toContain('<code>GET /api/mentions</code>');
    expect(res.body).toContain('Access: viewer.');
    expect(res.body).toContain('<code>PUT /api/users/{id}/brands</code>');
  });
});
