import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * X's own OpenAPI description of the endpoints Earshot uses (x-api-v2-subset.json), made
 * checkable with ajv. The fake X server checks the requests it receives against it, and the
 * tests check every response the fake sends, so the fake cannot drift from what X defines.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ROOT_ID = 'https://earshot.test/x-api-v2-subset.json';
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface XExchange {
  method: string;
  /** Path without the query string, e.g. /2/users/123/mentions. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export interface ParameterIssue {
  parameter: string;
  value: string;
  message: string;
}

interface Operation {
  template: string;
  method: string;
  regex: RegExp;
  pathNames: string[];
  parameters: { name: string; in: 'query' | 'path'; required: boolean; isArray: boolean; validate: ValidateFunction; schema: JsonObject }[];
  body: ValidateFunction | null;
  responses: Map<string, Map<string, ValidateFunction>>;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 schemas are not quite JSON Schema: `nullable`, `example` and `discriminator`
 * are OpenAPI's own, and refs point into `components`. Rewrite them so ajv's strict mode
 * accepts the document and still checks everything that matters.
 */
function adapt(value: Json): Json {
  if (Array.isArray(value)) return value.map(adapt);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'example' || key === 'discriminator' || key === 'externalDocs' || key === 'xml' || key.startsWith('x-')) continue;
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof child === 'string') {
      out.$ref = child.replace('#/components/schemas/', `${ROOT_ID}#/$defs/`);
      continue;
    }
    out[key] = adapt(child);
  }
  if (value.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export class XContract {
  readonly document: JsonObject;
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly problemTypes = new Map<string, ValidateFunction>();

  constructor(document?: JsonObject) {
    this.document =
      document ?? (JSON.parse(readFileSync(new URL('./x-api-v2-subset.json', import.meta.url), 'utf8')) as JsonObject);
    this.ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false });
    addFormats(this.ajv);
    const components = this.document.components as JsonObject;
    const schemas = components.schemas as JsonObject;
    this.ajv.addSchema({ $id: ROOT_ID, $defs: adapt(schemas) } as object);

    const problem = schemas.Problem as JsonObject;
    const mapping = (problem.discriminator as JsonObject).mapping as JsonObject;
    for (const [type, ref] of Object.entries(mapping)) {
      this.problemTypes.set(type, this.compileRef(ref as string));
    }

    const parameters = (components.parameters ?? {}) as JsonObject;
    for (const [template, item] of Object.entries(this.document.paths as JsonObject)) {
      for (const [method, raw] of Object.entries(item as JsonObject)) {
        const operation = raw as JsonObject;
        const pathNames: string[] = [];
        const pattern = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
          pathNames.push(name);
          return '([^/]+)';
        });
        const params = ((operation.parameters ?? []) as JsonObject[]).map((p) => {
          const resolved = (typeof p.$ref === 'string' ? parameters[p.$ref.split('/').pop()!] : p) as JsonObject;
          const schema = resolved.schema as JsonObject;
          return {
            name: resolved.name as string,
            in: resolved.in as 'query' | 'path',
            required: resolved.required === true,
            isArray: schema.type === 'array',
            schema,
            validate: this.ajv.compile(adapt(schema) as object),
          };
        });
        const bodySchema = ((operation.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.[
          'application/json'
        ] as JsonObject | undefined;
        const responses = new Map<string, Map<string, ValidateFunction>>();
        for (const [status, response] of Object.entries(operation.responses as JsonObject)) {
          const byType = new Map<string, ValidateFunction>();
          for (const [type, media] of Object.entries(((response as JsonObject).content ?? {}) as JsonObject)) {
            byType.set(type, this.ajv.compile(adapt((media as JsonObject).schema as Json) as object));
          }
          responses.set(status, byType);
        }
        this.operations.push({
          template,
          method: method.toUpperCase(),
          regex: new RegExp(`^${pattern}$`),
          pathNames,
          parameters: params,
          body: bodySchema ? this.ajv.compile(adapt(bodySchema.schema as Json) as object) : null,
          responses,
        });
      }
    }
  }

  private compileRef(ref: string): ValidateFunction {
    return this.ajv.compile({ $ref: ref.replace('#/components/schemas/', `${ROOT_ID}#/$defs/`) });
  }

  /** The operation a request addresses, with its path parameters; null for paths outside the subset. */
  match(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | null {
    // A literal segment wins over a template one: /2/users/me is not /2/users/{id}.
    const candidates = this.operations
      .filter((o) => o.method === method.toUpperCase() && o.regex.test(path))
      .sort((a, b) => a.pathNames.length - b.pathNames.length);
    const operation = candidates[0];
    if (!operation) return null;
    const values = operation.regex.exec(path)!.slice(1);
    return { operation, pathParams: Object.fromEntries(operation.pathNames.map((n, i) => [n, decodeURIComponent(values[i]!)])) };
  }

  /** Checks a request's path and query parameters against the operation's definitions. */
  checkRequest(method: string, path: string, query: URLSearchParams): ParameterIssue[] {
    const matched = this.match(method, path);
    if (!matched) return [{ parameter: 'path', value: path, message: `${method} ${path} is not an operation of this API` }];
    const issues: ParameterIssue[] = [];
    const known = new Set(matched.operation.parameters.map((p) => p.name));
    for (const key of new Set(query.keys())) {
      if (!known.has(key)) issues.push({ parameter: key, value: query.get(key) ?? '', message: `The query parameter [${key}] is not one of [${[...known].join(',')}]` });
    }
    for (const p of matched.operation.parameters) {
      const raw = p.in === 'path' ? matched.pathParams[p.name] : (query.get(p.name) ?? undefined);
      if (raw === undefined) {
        if (p.required) issues.push({ parameter: p.name, value: '', message: `The \`${p.name}\` query parameter can not be empty` });
        continue;
      }
      const value = coerce(raw, p.schema, p.isArray);
      if (!p.validate(value)) issues.push({ parameter: p.name, value: raw, message: describeParameter(p.name, raw, p.schema, p.validate.errors ?? []) });
    }
    return issues;
  }

  /** Checks a JSON request body; an empty list means it conforms. */
  checkRequestBody(method: string, path: string, body: unknown): string[] {
    const matched = this.match(method, path);
    if (!matched?.operation.body) return [];
    return matched.operation.body(body) ? [] : describe(matched.operation.body.errors ?? []);
  }

  /**
   * Everything in a response that X's definition does not allow: an undefined status, a
   * content type it does not list, a body that does not parse or does not match the schema,
   * a problem whose fields do not match its `type`, missing rate limit headers. Empty = conforms.
   */
  checkResponse(exchange: XExchange): string[] {
    const problems: string[] = [];
    for (const header of ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset']) {
      const value = exchange.headers[header];
      if (value === undefined || !/^\d+$/.test(String(value))) problems.push(`header ${header} is missing or not an integer (${String(value)})`);
    }
    const matched = this.match(exchange.method, exchange.path);
    const status = String(exchange.status);
    const contentType = String(exchange.headers['content-type'] ?? '').split(';')[0]!.trim();
    let body: unknown;
    try {
      body = JSON.parse(exchange.body);
    } catch {
      problems.push(`the body is not JSON: ${exchange.body.slice(0, 80)}`);
      return problems;
    }
    if (!matched) {
      // Outside the subset (an unknown path): X answers with a plain problem.
      problems.push(...this.checkProblem(body, contentType));
      return problems;
    }
    const byType = matched.operation.responses.get(status) ?? (exchange.status >= 400 ? matched.operation.responses.get('default') : undefined);
    if (!byType) {
      problems.push(`status ${status} is not defined for ${exchange.method} ${matched.operation.template}`);
      return problems;
    }
    const validate = byType.get(contentType);
    if (!validate) {
      problems.push(`content type "${contentType}" is not defined for ${status} of ${exchange.method} ${matched.operation.template}`);
      return problems;
    }
    if (!validate(body)) problems.push(...describe(validate.errors ?? []));
    if (contentType === 'application/problem+json') problems.push(...this.checkProblem(body, contentType));
    else if (isObject(body as Json) && Array.isArray((body as JsonObject).errors)) {
      for (const partial of (body as JsonObject).errors as Json[]) problems.push(...this.checkProblemType(partial));
    }
    return problems;
  }

  private checkProblem(body: unknown, contentType: string): string[] {
    const problems: string[] = [];
    if (contentType !== 'application/problem+json') problems.push(`an error body should be application/problem+json, not "${contentType}"`);
    problems.push(...this.checkProblemType(body as Json));
    return problems;
  }

  /** `Problem` is discriminated by `type`: each type has its own required fields. */
  private checkProblemType(problem: Json): string[] {
    if (!isObject(problem) || typeof problem.type !== 'string') return ['a problem has no type'];
    const type = problem.type;
    const validate = this.problemTypes.get(type);
    if (!validate) return [`problem type ${type} is not one X defines`];
    return validate(problem) ? [] : describe(validate.errors ?? []).map((e) => `${type}: ${e}`);
  }
}

/** Query values arrive as strings; arrays are comma-separated (style form, explode false). */
function coerce(raw: string, schema: JsonObject, isArray: boolean): unknown {
  if (isArray) return raw.split(',');
  const type = schema.type ?? (typeof schema.$ref === 'string' ? 'string' : undefined);
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function describeParameter(name: string, raw: string, schema: JsonObject, errors: ErrorObject[]): string {
  const first = errors[0];
  if (first?.keyword === 'minimum' || first?.keyword === 'maximum') {
    return `The \`${name}\` query parameter value [${raw}] is not between ${String(schema.minimum)} and ${String(schema.maximum)}`;
  }
  if (first?.keyword === 'enum') {
    const allowed = (first.params as { allowedValues: unknown[] }).allowedValues.join(',');
    return `The \`${name}\` query parameter value [${raw}] is not one of [${allowed}]`;
  }
  return `The \`${name}\` query parameter value [${raw}] ${first?.message ?? 'is invalid'}`;
}

function describe(errors: ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
