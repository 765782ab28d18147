import type { ManualStatus } from '@earshot/db';
import type { ServerContext } from './server-context.ts';

/**
 * Tells dashboards that mentions changed status or assignee. Live events carry one brand each,
 * so a dashboard limited to other brands never hears of these.
 */
export async function announceMentionsChanged(
  ctx: ServerContext,
  changed: readonly { id: string; brand_id: string }[],
  change: { status: ManualStatus } | { assigneeId: string | null },
): Promise<void> {
  const byBrand = new Map<string, string[]>();
  for (const c of changed) byBrand.set(c.brand_id, [...(byBrand.get(c.brand_id) ?? []), c.id]);
  for (const [brandId, ids] of byBrand) await ctx.bus.publishMentionEvent({ type: 'mentions.changed', brandId, ids, ...change }).catch(() => undefined);
}

/**
 * Tells dashboards to re-read their alerts and incidents; a failed publish only delays that until
 * their next catch-up.
 */
export async function announceAlertsChanged(ctx: ServerContext): Promise<void> {
  await ctx.bus.publishMentionEvent({ type: 'alerts.changed' }).catch(() => undefined);
}
