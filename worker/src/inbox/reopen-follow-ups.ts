import { insertUserNotices, reopenDueFollowUps, type Runtime } from '@earshot/db';

/**
 * Brings pending mentions whose follow-up time has come back to the Open view, tells each one's
 * assignee in-app, and tells open dashboards. Safe on many workers at once: each mention is
 * reopened by one of them (reopenDueFollowUps skips rows another holds).
 */
export async function reopenFollowUps(runtime: Runtime, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const reopened = await runtime.db.transaction().execute(async (trx) => {
      const rows = await reopenDueFollowUps(trx, now);
      await insertUserNotices(
        trx,
        rows.flatMap((r) =>
          r.assignee_id === null ? [] : [{ userId: r.assignee_id, kind: 'follow_up' as const, mentionId: r.id, text: `Follow up now: "${excerpt(r.text)}" is open again.` }],
        ),
      );
      return rows;
    });
    if (reopened.length === 0) return total;
    total += reopened.length;
    for (const [brandId, ids] of idsByBrand(reopened)) {
      await runtime.bus.publishMentionEvent({ type: 'mentions.changed', brandId, ids, status: 'open' }).catch(() => undefined);
    }
    const told = [...new Set(reopened.flatMap((r) => (r.assignee_id === null ? [] : [r.assignee_id])))];
    if (told.length > 0) await runtime.bus.publishMentionEvent({ type: 'notices.changed', userIds: told }).catch(() => undefined);
  }
}

/** Mention ids by brand: live events carry one brand, so dashboards limited to others never see them. */
export function idsByBrand(rows: readonly { id: string; brand_id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.brand_id, [...(out.get(r.brand_id) ?? []), r.id]);
  return out;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
