import { sql } from 'kysely';
import { insertAuditEntry } from '../audit/insert-audit-entry.ts';
import type { Database } from '../client.ts';

/**
 * Automatic assignment for every brand that has it on (`brands.auto_assign_cap`): each open,
 * unassigned mention, earliest deadline first, goes to the agent (agent role or above, not
 * disabled, not away, not limited to other brands) with the fewest open mentions, taking turns on a tie, until every agent
 * holds the brand's cap. Returns the mentions assigned with their new assignee. Audited as
 * "auto-assign". Mentions are claimed with `skip locked`, so two workers never assign one twice;
 * read through `mentions_unassigned_inbox_idx` and `mentions_assignee_inbox_idx`.
 */
export async function autoAssignMentions(db: Database): Promise<{ id: string; brand_id: string; assignee_id: string }[]> {
  const brands = await db.selectFrom('brands').select(['id', 'auto_assign_cap']).where('auto_assign_cap', 'is not', null).execute();
  const out: { id: string; brand_id: string; assignee_id: string }[] = [];
  for (const brand of brands) {
    const cap = brand.auto_assign_cap!;
    const assigned = await db.transaction().execute(async (trx) => {
      const { rows: agents } = await sql<{ id: string; load: number }>`
        select u.id, (select count(*)::int from mentions m where m.assignee_id = u.id and m.status = 'open') as load
        from users u
        where u.role in ('agent', 'manager', 'admin') and u.disabled_at is null and not u.away
          and (not exists (select 1 from user_brands ub where ub.user_id = u.id)
            or exists (select 1 from user_brands ub where ub.user_id = u.id and ub.brand_id = ${brand.id}))
        order by u.id`.execute(trx);
      const room = agents.reduce((n, a) => n + Math.max(0, cap - a.load), 0);
      if (room === 0) return [];
      const { rows: waiting } = await sql<{ id: string }>`
        select id from mentions where status = 'open' and assignee_id is null and brand_id = ${brand.id}
        order by sla_due_at, id limit ${room} for update skip locked`.execute(trx);
      const result: { id: string; brand_id: string; assignee_id: string }[] = [];
      for (const mention of waiting) {
        // Fewest open first; on a tie, the first in id order, then it has one more: turns.
        const next = agents.filter((a) => a.load < cap).sort((a, b) => a.load - b.load)[0];
        if (!next) break;
        next.load++;
        result.push({ id: mention.id, brand_id: brand.id, assignee_id: next.id });
      }
      for (const r of result) {
        await trx.updateTable('mentions').set({ assignee_id: r.assignee_id }).where('id', '=', r.id).execute();
        await insertAuditEntry(trx, {
          actor: { id: null, label: 'auto-assign' },
          action: 'mention.assigned',
          target: { type: 'mention', id: r.id },
          brandId: brand.id,
          details: { from: null, to: r.assignee_id, automatic: true },
        });
      }
      return result;
    });
    out.push(...assigned);
  }
  return out;
}
