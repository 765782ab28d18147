import { autoAssignMentions, type Runtime } from '@earshot/db';

/** Runs automatic assignment and tells open dashboards, one event per assignee. */
export async function autoAssign(runtime: Runtime): Promise<number> {
  const assigned = await autoAssignMentions(runtime.db);
  const byAssignee = new Map<string, string[]>();
  for (const a of assigned) byAssignee.set(a.assignee_id, [...(byAssignee.get(a.assignee_id) ?? []), a.id]);
  for (const [assigneeId, ids] of byAssignee) {
    await runtime.bus.publishMentionEvent({ type: 'mentions.changed', ids, assigneeId }).catch(() => undefined);
  }
  return assigned.length;
}
