import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Which brands a caller may see: every brand, or only some. Every query that reads or writes
 * brand data takes one (a required parameter, so a new query cannot forget it), and the web
 * role resolves it once per request from the user's and the API token's brand limits.
 */
export type BrandScope = { readonly kind: 'all' } | { readonly kind: 'some'; readonly brandIds: readonly string[] };

/** No limit: admins' tools, the worker, the CLI, and users without brand limits. */
export const ALL_BRANDS: BrandScope = Object.freeze({ kind: 'all' });

/** The scope of a brand list, where an empty list (no limit stored) means every brand. */
export function brandScopeOf(brandIds: readonly string[]): BrandScope {
  return brandIds.length === 0 ? ALL_BRANDS : { kind: 'some', brandIds: [...brandIds] };
}

/** The brands both scopes allow (a token limited to brands, used by a user limited to brands). */
export function intersectBrandScopes(a: BrandScope, b: BrandScope): BrandScope {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  const inB = new Set(b.brandIds);
  return { kind: 'some', brandIds: a.brandIds.filter((id) => inB.has(id)) };
}

/** Whether a row of this brand is visible; a row with no brand (install-wide) only to unlimited callers. */
export function inBrandScope(scope: BrandScope, brandId: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  return brandId !== null && brandId !== undefined && scope.brandIds.includes(brandId);
}

/**
 * A WHERE condition keeping rows whose `column` (a qualified column name such as
 * `mentions.brand_id`) is in the scope: `true` for every brand, `false` for an empty limit.
 */
export function brandScopeSql(scope: BrandScope, column: string): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.brandIds.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(column)} = any(${[...scope.brandIds]}::uuid[])`;
}
