import type { AuditEntry } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export interface AuditFilter {
  /** A caller limited to some brands sees only those brands' entries (none install-wide). */
  scope: BrandScope;
  actorId?: string | undefined;
  action?: string | undefined;
  brandId?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/**
 * Entries matching the filter, newest first, after the keyset cursor `beforeId` (the last id of
 * the previous page). Returns `limit` rows and whether more follow. Served by the primary key
 * walked backwards, or audit_log_actor_idx / audit_log_action_idx / audit_log_brand_idx
 * (`(column, id)`) when that filter is given; `at` bounds use audit_log_at_idx.
 */
export async function findAuditPage(
  db: Database,
  filter: AuditFilter,
  page: { limit: number; beforeId?: number | undefined },
): Promise<{ rows: AuditEntry[]; hasMore: boolean }> {
  let query = db.selectFrom('audit_log').selectAll().where(brandScopeSql(filter.scope, 'audit_log.brand_id'));
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.brandId !== undefined) query = query.where('brand_id', '=', filter.brandId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(page.limit + 1).execute();
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}
