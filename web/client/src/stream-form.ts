import { z } from 'zod';
import { BRAND_LABELS, BrandBodySchema, NewStreamBodySchema, STREAM_LABELS, type QuerySchemaDto } from '../../src/api/contract.ts';
import type { FieldLabels } from '../../src/api/field-labels.ts';
import type { FieldOf } from './form-errors.ts';

// Parsing for the stream forms: what a person typed → the API's values, or a message
// saying what to fix. The server validates again; this only saves a round trip.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MIN_POLL_SECONDS = 5;
const MAX_POLL_SECONDS = 86_400;
const MAX_BUDGET = 100_000_000;

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Seconds between polls → milliseconds; blank means "leave as it is / the default". */
export function parsePollSeconds(text: string): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const n = wholeNumber(text);
  if (n === null || n < MIN_POLL_SECONDS || n > MAX_POLL_SECONDS) {
    return { ok: false, message: `Poll every ${String(MIN_POLL_SECONDS)} to ${String(MAX_POLL_SECONDS)} seconds (whole seconds).` };
  }
  return { ok: true, value: n * 1000 };
}

/** Reads per month; blank means no limit (null). */
export function parseBudget(text: string): Parsed<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const n = wholeNumber(text);
  if (n === null || n > MAX_BUDGET) {
    return { ok: false, message: 'The monthly read budget is a whole number of reads, or blank for no limit.' };
  }
  return { ok: true, value: n };
}

/** The query editor's text as JSON. */
export function parseJson(text: string): Parsed<unknown> {
  if (text.trim() === '') return { ok: false, message: 'Write the query as JSON, e.g. start from the example.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

// ── The per-platform query form ──────────────────────────────────────────────────────────
// Built from the platform's own query schema (PlatformDto.querySchema, JSON Schema made from
// its zod schema), so a new platform or query field needs no change here. Lists are typed one
// entry a line. The server validates the query in full and names the field at fault.

export type QueryFieldKind = 'list' | 'boolean' | 'number' | 'text';

export interface QueryField {
  name: string;
  label: string;
  description: string | null;
  kind: QueryFieldKind;
  required: boolean;
}

export function queryFieldsOf(schema: QuerySchemaDto | undefined): QueryField[] {
  if (schema?.properties === undefined) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, field]) => ({
    name,
    label: field.title ?? name,
    description: field.description ?? null,
    kind: field.type === 'array' ? 'list' : field.type === 'boolean' ? 'boolean' : field.type === 'number' || field.type === 'integer' ? 'number' : 'text',
    required: required.has(name),
  }));
}

export type QueryFormValues = Record<string, string | boolean>;

/** A stored or example query → the form's values (lists one entry a line). */
export function queryToForm(fields: QueryField[], query: unknown, schema?: QuerySchemaDto): QueryFormValues {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((f) => {
      const value = q[f.name] ?? schema?.properties?.[f.name]?.default;
      if (f.kind === 'boolean') return [f.name, value === true];
      if (f.kind === 'list') return [f.name, Array.isArray(value) ? value.map(String).join('\n') : ''];
      return [f.name, value === undefined || value === null ? '' : String(value)];
    }),
  );
}

/** The form's values → the query, on top of `base` (keys the form does not show are kept). */
export function formToQuery(fields: QueryField[], values: QueryFormValues, base: unknown = {}): Record<string, unknown> {
  const query: Record<string, unknown> = { ...(typeof base === 'object' && base !== null ? (base as Record<string, unknown>) : {}) };
  for (const f of fields) {
    const value = values[f.name];
    if (f.kind === 'boolean') {
      query[f.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    delete query[f.name];
    if (f.kind === 'list') query[f.name] = text.split('\n').map((t) => t.trim()).filter((t) => t !== '');
    // A number that does not parse goes as typed: the server says what is wrong with it.
    else if (text !== '') query[f.name] = f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return query;
}

// ── The stream form's own fields, validated with the contract's schemas ───────────────────

export const NEW_BRAND = '__new__';

const blankToUndefinedMs = (t: string) => (t.trim() === '' ? undefined : Number(t.trim()) * 1000);
const blankToNull = (t: string) => (t.trim() === '' ? null : Number(t.trim()));

export const StreamFormSchema = z
  .object({
    brandId: z.string(),
    newBrand: z.string(),
    platform: NewStreamBodySchema.shape.platform,
    name: NewStreamBodySchema.shape.name,
    pollSeconds: z.string().transform(blankToUndefinedMs).pipe(NewStreamBodySchema.shape.pollIntervalMs),
    budget: z.string().transform(blankToNull).pipe(NewStreamBodySchema.shape.readBudgetMonthly.unwrap()),
    query: z.record(z.string(), z.union([z.string(), z.boolean()])),
  })
  .superRefine((v, ctx) => {
    if (v.brandId !== NEW_BRAND) return;
    const brand = BrandBodySchema.shape.name.safeParse(v.newBrand);
    if (!brand.success) for (const issue of brand.error.issues) ctx.addIssue({ code: 'custom', path: ['newBrand'], message: issue.message });
  });
export type StreamFormValues = z.input<typeof StreamFormSchema>;

/** The form's labels: the API's (STREAM_LABELS) for the form's own field names. */
export const STREAM_FORM_LABELS: FieldLabels = {
  brandId: STREAM_LABELS.brandId!,
  newBrand: BRAND_LABELS.name!,
  platform: STREAM_LABELS.platform!,
  name: STREAM_LABELS.name!,
  pollSeconds: STREAM_LABELS.pollIntervalMs!,
  budget: STREAM_LABELS.readBudgetMonthly!,
};

/**
 * Which form field an API path is (`pollIntervalMs` → `pollSeconds`, `query.keywords.0` →
 * `query.keywords`). While the query is edited as JSON its problems have no field of their own.
 */
export function streamFieldOf(fields: QueryField[], queryAsJson: boolean): FieldOf<StreamFormValues> {
  return (path) => {
    const [head, sub] = path.split('.');
    if (head === 'name') return 'name';
    if (head === 'pollIntervalMs') return 'pollSeconds';
    if (head === 'readBudgetMonthly') return 'budget';
    if (head === 'brandId') return 'brandId';
    if (head === 'query' && !queryAsJson && sub !== undefined && fields.some((f) => f.name === sub)) return `query.${sub}`;
    return null;
  };
}
