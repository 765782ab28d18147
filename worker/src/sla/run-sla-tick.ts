import {
  closeSlaAlerts,
  countSlaRisksByBrand,
  insertNotification,
  listOpenSlaAlerts,
  openSlaAlerts,
  tryLockSlaTick,
  updateSlaAlerts,
  type Database,
  type QueuedDelivery,
  type SlaRiskCount,
} from '@earshot/db';

/**
 * Breached counts at which an open SLA alert notifies again. The first breach is news (a
 * promise to a customer was broken); after that each step is about five times the last, so a
 * backlog that keeps growing notifies at most four times in its life, each time when the work
 * behind it is of a new order (one reply, an hour of one agent, a shift, everyone) — never once
 * per mention.
 */
export const SLA_ESCALATION_STEPS = [1, 10, 50, 200] as const;

/** What an SLA alert's `details` hold, refreshed every minute. */
export interface SlaAlertDetails {
  breached: number;
  dueSoon: number;
  leadMinutes: number;
  nextDueAt: string | null;
  oldestBreachAt: string | null;
  /**
   * How many escalation steps the breached count has reached while this alert was open (0: none
   * breached yet). Never goes down while open, so a count that wavers around a step notifies once.
   */
  level: number;
  countedAt: string;
  /** The inbox on these mentions: the breached ones if any, else the brand's open queue (by deadline). */
  linkPath: string;
}

export interface SlaTickResult {
  locked: boolean;
  /** Brands with mentions breached or about to breach. */
  brands: number;
  opened: number;
  escalated: number;
  updated: number;
  closed: number;
  /** Notification deliveries to queue after the commit (queueNotificationDeliveries). */
  deliveries: QueuedDelivery[];
}

/** The number of escalation steps a breached count has reached. */
export function slaLevel(breached: number): number {
  return SLA_ESCALATION_STEPS.filter((s) => breached >= s).length;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeRisk(r: SlaRiskCount): string {
  const parts: string[] = [];
  if (r.breached > 0) parts.push(`${plural(r.breached, 'open mention has', 'open mentions have')} breached the SLA`);
  if (r.due_soon > 0)
    parts.push(
      `${plural(r.due_soon, 'mention is', 'mentions are')} due within ${r.lead_minutes} minutes${
        r.next_due_at ? ` (next at ${r.next_due_at.toISOString().slice(11, 16)} UTC)` : ''
      }`,
    );
  return `SLA: ${parts.join('; ')}.`;
}

function detailsOf(r: SlaRiskCount, level: number, now: Date): SlaAlertDetails {
  const params = new URLSearchParams({ brandId: r.brand_id });
  if (r.breached > 0) params.set('response', 'missed');
  return {
    breached: r.breached,
    dueSoon: r.due_soon,
    leadMinutes: r.lead_minutes,
    nextDueAt: r.next_due_at?.toISOString() ?? null,
    oldestBreachAt: r.oldest_breach_at?.toISOString() ?? null,
    level,
    countedAt: now.toISOString(),
    linkPath: `/inbox?${params.toString()}`,
  };
}

function storedLevel(details: unknown): { level: number; breached: number; dueSoon: number } {
  const d = (details ?? {}) as Partial<SlaAlertDetails>;
  return {
    level: typeof d.level === 'number' ? d.level : 0,
    breached: typeof d.breached === 'number' ? d.breached : -1,
    dueSoon: typeof d.dueSoon === 'number' ? d.dueSoon : -1,
  };
}

/**
 * One SLA alert tick, in one transaction: counts every brand's open mentions breached and about
 * to breach (one query), opens one `sla` alert per brand that has any, updates its counts
 * (message and details) when they changed, notifies when it opens and when the breached count
 * reaches a new escalation step, and closes the alerts of brands with nothing at risk. One tick at
 * a time across workers (an advisory lock; another skips).
 */
export async function runSlaTick(db: Database, options: { now?: Date } = {}): Promise<SlaTickResult> {
  const now = options.now ?? new Date();
  const result: SlaTickResult = {
    locked: false,
    brands: 0,
    opened: 0,
    escalated: 0,
    updated: 0,
    closed: 0,
    deliveries: [],
  };
  return db.transaction().execute(async (trx) => {
    if (!(await tryLockSlaTick(trx))) return { ...result, locked: true };
    const risks = await countSlaRisksByBrand(trx, now);
    const open = new Map((await listOpenSlaAlerts(trx)).map((a) => [a.brand_id, a]));
    result.brands = risks.length;
    const updates: { id: string; message: string; total: number; details: SlaAlertDetails }[] = [];
    const opening: { risk: SlaRiskCount; message: string; details: SlaAlertDetails }[] = [];
    for (const r of risks) {
      const message = describeRisk(r);
      const current = open.get(r.brand_id);
      open.delete(r.brand_id);
      const total = r.breached + r.due_soon;
      if (!current) {
        opening.push({ risk: r, message, details: detailsOf(r, slaLevel(r.breached), now) });
        continue;
      }
      const before = storedLevel(current.details);
      const level = Math.max(before.level, slaLevel(r.breached));
      const details = detailsOf(r, level, now);
      if (level > before.level) {
        result.escalated++;
        await notify(trx, result, r, current.id, message, details, 'escalated');
      }
      if (level !== before.level || r.breached !== before.breached || r.due_soon !== before.dueSoon)
        updates.push({ id: current.id, message, total, details });
    }
    // New alerts in one statement (after a deploy every brand with a backlog opens at once).
    const opened = await openSlaAlerts(
      trx,
      opening.map((o) => ({
        brandId: o.risk.brand_id,
        message: o.message,
        startedAt: now,
        total: o.risk.breached + o.risk.due_soon,
        details: o.details,
      })),
    );
    for (const o of opening) {
      const id = opened.get(o.risk.brand_id);
      if (id === undefined) continue;
      result.opened++;
      await notify(trx, result, o.risk, id, o.message, o.details, 'opened');
    }
    result.updated = await updateSlaAlerts(trx, updates);
    // Brands left over have nothing breached or about to breach: their alert is over.
    result.closed = await closeSlaAlerts(
      trx,
      [...open.values()].map((a) => a.id),
    );
    return result;
  });
}

async function notify(
  trx: Database,
  result: SlaTickResult,
  r: SlaRiskCount,
  alertId: string,
  message: string,
  details: SlaAlertDetails,
  why: 'opened' | 'escalated',
): Promise<void> {
  const { deliveries } = await insertNotification(trx, {
    brandId: r.brand_id,
    kind: 'sla',
    sourceId: alertId,
    // Only mentions about to breach are a heads-up (digest-able in quiet hours); a breach is not.
    severity: r.breached > 0 ? 'high' : 'low',
    title:
      why === 'opened'
        ? r.breached > 0
          ? 'SLA breached'
          : 'SLA about to breach'
        : `SLA breaches: ${r.breached} and counting`,
    text: message,
    linkPath: details.linkPath,
    details: {
      explanation: message,
      figures: [
        { label: 'breached', value: r.breached },
        { label: `due within ${r.lead_minutes} min`, value: r.due_soon },
        ...(details.oldestBreachAt ? [{ label: 'oldest breach', value: details.oldestBreachAt }] : []),
      ],
    },
  });
  result.deliveries.push(...deliveries);
}
