import { z } from 'zod';
import type { PlatformDefinition } from '@earshot/collectors';
import { describeIssues, joinProblems, type FieldLabels, type PlatformRules, type QuerySchemaDto } from '@earshot/web';

/**
 * A platform's query schema as JSON Schema (what a person fills in: `io: 'input'`), for the
 * dashboard's stream form, and its fields' titles as labels for error messages. Checks the
 * schemas cannot express (refinements) stay on the server.
 */
function describeQuery(d: PlatformDefinition): { schema: QuerySchemaDto; labels: FieldLabels } {
  const { $schema: _, ...schema } = z.toJSONSchema(d.querySchema, { io: 'input', unrepresentable: 'any' }) as QuerySchemaDto & { $schema?: string };
  const labels = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, field]) => [name, field.title ?? name]));
  return { schema, labels };
}

/** The web role's view of the platforms: validation and limits, never a connection. */
export function platformRulesFrom(definitions: PlatformDefinition[]): PlatformRules {
  const byName = new Map(definitions.map((d) => [d.platform, d]));
  const queries = new Map(definitions.map((d) => [d.platform, describeQuery(d)]));
  const unknown = (platform: string) => ({
    ok: false as const,
    message: `Unknown platform "${platform}": use one of ${[...byName.keys()].join(', ')}.`,
  });
  return {
    list: () =>
      definitions.map((d) => ({
        platform: d.platform,
        label: d.label,
        needsCredentials: d.credentials !== null,
        credentialFields: d.credentials?.fields ?? [],
        queryExample: d.queryExample,
        querySchema: queries.get(d.platform)!.schema,
        replyLimit: d.replyLimit,
        replyCounting: d.replyCounting,
      })),
    validateQuery(platform, query) {
      const d = byName.get(platform);
      if (!d) return unknown(platform);
      const result = d.querySchema.safeParse(query);
      if (result.success) return { ok: true, value: result.data };
      const fields = describeIssues(result.error.issues, queries.get(platform)!.labels);
      return { ok: false, message: `This ${d.label} query cannot be used: ${joinProblems(fields)}`, fields };
    },
    checkReply(platform, text) {
      const d = byName.get(platform);
      if (!d) return unknown(platform);
      const result = d.checkReply(text);
      return result.ok ? { ok: true, value: undefined } : result;
    },
    validateCredentials(platform, credentials) {
      const d = byName.get(platform);
      if (!d) return unknown(platform);
      if (!d.credentials) return { ok: false, message: `${d.label} needs no credentials.` };
      const result = d.credentials.schema.safeParse(credentials);
      // An optional field left out is stored as absent, not as "undefined".
      if (result.success) return { ok: true, value: Object.fromEntries(Object.entries(result.data).filter((e): e is [string, string] => e[1] !== undefined)) };
      // Name the fields, never echo a value.
      const problems = result.error.issues.map((i) => `${i.path.join('.') || 'credentials'}: ${i.message}`);
      return { ok: false, message: `Invalid ${d.label} credentials: ${problems.join('; ')}` };
    },
  };
}
