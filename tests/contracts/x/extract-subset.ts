/**
 * Regenerates `x-api-v2-subset.json` from X's full OpenAPI document:
 *
 *   npx tsx tests/contracts/x/extract-subset.ts path/to/x-api-v2-openapi.json
 *
 * Keeps only the operations Earshot calls and every component they reference, directly or
 * through other components (including the problem types named in `Problem`'s discriminator
 * mapping, which are plain strings rather than `$ref`s). Run by a developer when X publishes
 * a new version; tests read only the committed subset.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The operations the X adapter and the fake X server use. */
export const OPERATIONS: Record<string, string[]> = {
  '/2/tweets/search/recent': ['get'],
  '/2/users/{id}/mentions': ['get'],
  '/2/users/{id}/tweets': ['get'],
  '/2/users/me': ['get'],
  '/2/tweets': ['post'],
  '/2/tweets/{id}': ['get'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `#/components/<kind>/<name>` reached from `value`. */
function collectRefs(value: Json | undefined, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') into.add(child);
    else if (key === 'discriminator' && isObject(child) && isObject(child.mapping)) {
      for (const target of Object.values(child.mapping)) if (typeof target === 'string') into.add(target);
    } else collectRefs(child, into);
  }
}

export function extractSubset(full: JsonObject): JsonObject {
  const paths = full.paths as JsonObject;
  const components = full.components as JsonObject;
  const outPaths: JsonObject = {};
  const pending = new Set<string>();
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item = paths[path];
    if (!isObject(item)) throw new Error(`The document has no path ${path}; update OPERATIONS.`);
    const kept: JsonObject = {};
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) throw new Error(`The document has no ${method.toUpperCase()} ${path}; update OPERATIONS.`);
      kept[method] = operation;
      collectRefs(operation, pending);
    }
    outPaths[path] = kept;
  }

  const outComponents: Record<string, JsonObject> = {};
  const seen = new Set<string>();
  while (pending.size > 0) {
    const ref = pending.values().next().value as string;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!match) throw new Error(`Unexpected reference ${ref}`);
    const [, kind, name] = match as unknown as [string, string, string];
    const target = (components[kind] as JsonObject | undefined)?.[name];
    if (target === undefined) throw new Error(`${ref} is referenced but not defined`);
    (outComponents[kind] ??= {})[name] = target;
    collectRefs(target, pending);
  }
  // Keep component names in the document's order so diffs between versions stay readable.
  const ordered: JsonObject = {};
  for (const kind of Object.keys(components)) {
    const source = components[kind] as JsonObject;
    const picked = outComponents[kind];
    if (kind === 'securitySchemes') {
      ordered[kind] = source;
      continue;
    }
    if (!picked) continue;
    ordered[kind] = Object.fromEntries(Object.keys(source).filter((n) => n in picked).map((n) => [n, source[n]!]));
  }

  return {
    openapi: full.openapi as Json,
    info: {
      ...(full.info as JsonObject),
      description: `Subset of X API v2 (${(full.info as JsonObject).version}) used by Earshot; see README.md.`,
    },
    ...(full.servers ? { servers: full.servers } : {}),
    paths: outPaths,
    components: ordered,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = process.argv[2];
  if (!source) {
    console.error('Usage: npx tsx tests/contracts/x/extract-subset.ts <path to X OpenAPI JSON>');
    process.exit(2);
  }
  const full = JSON.parse(readFileSync(source, 'utf8')) as JsonObject;
  const subset = extractSubset(full);
  const out = fileURLToPath(new URL('./x-api-v2-subset.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(subset, null, 2)}\n`);
  const schemas = Object.keys((subset.components as JsonObject).schemas as JsonObject).length;
  console.log(`Wrote ${out}: ${Object.keys(subset.paths as JsonObject).length} paths, ${schemas} schemas.`);
}
