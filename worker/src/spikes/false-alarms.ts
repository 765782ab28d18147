// "False alarm" makes a rule less sensitive for similar hours. When a person marks a spike
// alert a false alarm, its rule remembers the hours of the week the storm ran in
// (db's markAlertFalseAlarm: alert_rules.false_alarm_hours, {"37": {"at": ISO, "n": marks}}).
// In those hours the live tick judges with a stricter rule: the minimum count and the required
// excess over normal are multiplied by a factor. Why those two knobs and not the surprise:
// what people call a false alarm is nearly always a real but unimportant rise (a weekly show,
// a newsletter going out), which is statistically certain; only "how much more" and "how
// many" separate it from a storm they care about.
//
// The factor is 1 + (marks, at most MAX_MARKS) × 0.5^(weeks since the last mark / HALF_LIFE):
// one mark doubles both knobs in that hour (2× → 3× normal for balanced), and the effect halves
// every four weeks, so a rule that was right to be quiet then is not deaf there for ever.
import type { SpikeRule } from './rule.ts';
import { HOUR_MS } from './seasonal-baseline.ts';

export const FALSE_ALARM_HALF_LIFE_WEEKS = 4;
export const FALSE_ALARM_MAX_MARKS = 3;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** A rule's marked hours as stored (hour of the week → last mark and how many). */
export type FalseAlarmHours = Record<string, { at: string; n: number }>;

/** Hour of the week in UTC: 0 = Sunday 00:00 … 167 = Saturday 23:00 (as db's markAlertFalseAlarm counts). */
export function hourOfWeek(at: number): number {
  const d = new Date(at);
  return d.getUTCDay() * 24 + d.getUTCHours();
}

/** How much stricter the rule is at minute `at`: 1 when its hour was never marked. Unreadable entries count as unmarked. */
export function falseAlarmFactor(hours: unknown, at: number): number {
  if (hours === null || typeof hours !== 'object') return 1;
  const mark = (hours as Record<string, unknown>)[String(hourOfWeek(at))];
  if (mark === null || typeof mark !== 'object') return 1;
  const { at: markedAt, n } = mark as { at?: unknown; n?: unknown };
  const when = typeof markedAt === 'string' ? Date.parse(markedAt) : Number.NaN;
  if (!Number.isFinite(when) || typeof n !== 'number' || !(n > 0)) return 1;
  const weeks = Math.max(0, at - when) / WEEK_MS;
  return 1 + Math.min(n, FALSE_ALARM_MAX_MARKS) * Math.pow(0.5, weeks / FALSE_ALARM_HALF_LIFE_WEEKS);
}

/** The rule as judged in a marked hour: minimum count and required excess times the factor. */
export function stricterRule(rule: SpikeRule, factor: number): SpikeRule {
  if (factor <= 1) return rule;
  return {
    ...rule,
    minCount: Math.ceil(rule.minCount * factor),
    percentAbove: Math.round(rule.percentAbove * factor),
  };
}
