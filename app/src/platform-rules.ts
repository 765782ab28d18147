import type { PlatformDefinition } from '@earshot/collectors';
import type { PlatformRules } from '@earshot/web';

/** The web role's view of the platforms: validation and limits, never a connection. */
export function platformRulesFrom(definitions: PlatformDefinition[]): PlatformRules {
  const byName = new Map(definitions.map((d) => [d.platform, d]));
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
        replyLimit: d.replyLimit,
        replyCounting: d.replyCounting,
      })),
    validateQuery(platform, query) {
      const d = byName.get(platform);
      if (!d) return unknown(platform);
      const result = d.querySchema.safeParse(query);
      if (result.success) return { ok: true, value: result.data };
      const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      return { ok: false, message: `Invalid ${d.label} query: ${problems.join('; ')}` };
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
