import { autoAssignMentions, type Runtime } from '@earshot/db';

/** Runs automatic assignment and tells open dashboards, one event per brand and assignee. */
export async function autoAssign(runtime: Runtime): Promise<number> {
  const assigned = await autoAssignMentions(runtime.db);
  const groups = new Map<string, { brandId: string; assigneeId: string; ids: string[] }>();
  for (const a of assigned) {
    const key = `${a.brand_id}:${a.assignee_id}`;
    const g = groups.get(key) ?? { brandId: a.brand_id, assigneeId: a.assignee_id, ids: [] };
    g.ids.push(a.id);
    groups.set(key, g);
  }
  for (const { brandId, assigneeId, ids } of groups.values()) {
    await runtime.bus.publishMentionEvent({ type: 'mentions.changed', brandId, ids, assigneeId }).catch(() => undefined);
  }
  return assigned.length;
}
