import { sql } from 'kysely';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database, DatabaseTransaction } from '../client.ts';

/**
 * Assigns the mentions to a user (null: unassigns them). Returns those whose assignee changed,
 * with the previous one; mentions of brands outside `scope` are left alone. Primary key lookups.
 */
export async function assignMentions(
  db: Database | DatabaseTransaction,
  ids: readonly string[],
  assigneeId: string | null,
  scope: BrandScope,
): Promise<{ id: string; brand_id: string; previous_assignee_id: string | null; status: string }[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; brand_id: string; previous_assignee_id: string | null; status: string }>`
    with target as (
      select id, assignee_id from mentions
      where id = any(${[...ids]}::uuid[]) and ${brandScopeSql(scope, 'mentions.brand_id')} and assignee_id is distinct from ${assigneeId}::uuid
      for update
    )
    update mentions m set assignee_id = ${assigneeId}::uuid
    from target t where m.id = t.id
    returning m.id, m.brand_id, t.assignee_id as previous_assignee_id, m.status`.execute(db);
  return rows;
}
