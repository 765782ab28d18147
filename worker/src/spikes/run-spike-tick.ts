import {
  insertNotification,
  listBrandHourCounts,
  listBrandMinuteSeries,
  listSpikeRuleStates,
  openSpikeAlert,
  saveSpikeRuleStates,
  tryLockSpikeTick,
  updateSpikeAlert,
  findTightenedIncidentByAlert,
  type Database,
  type QueuedDelivery,
  type RollupCounts,
  type SpikeRuleStateUpdate,
} from '@earshot/db';
import type { AlertState } from './alert-state.ts';
import {
  newBrandSpikeState,
  profileDue,
  profileHours,
  refreshBrandProfile,
  refreshMinute,
  tickBrand,
  type BrandSpikeState,
  type TickOutcome,
} from './live-tick.ts';
import { falseAlarmFactor, stricterRule } from './false-alarms.ts';
import { explainSpike, type SpikeExplanation } from './explain-spike.ts';
import { openIncident } from '../incidents/open-incident.ts';
import { restoreIncidentDeadlinesIn } from '../incidents/restore-incident-deadlines.ts';
import { AlertRuleSchema, resolveSpikeRule, type SpikeMetric, type SpikeRule } from './rule.ts';
import { HOUR_MS, MINUTE_MS, type BaselineSource, type SlotHistory } from './seasonal-baseline.ts';

/** Which rollup column each count metric reads. */
const METRIC_COLUMN: Record<SpikeMetric, 'negative' | 'complaint' | 'total'> = {
  negative: 'negative',
  complaints: 'complaint',
  all: 'total',
  negative_share: 'negative',
};
/**
 * A rule learns its scatter (φ) on one tick in this many, staggered by brand, and its state is
 * written only when it changed (learnt, profile rebuilt, alert moved): a tenth of the writes
 * of storing every rule every minute, and φ still learns from ~430 minutes every 3 days.
 */
const LEARN_EVERY = 10;
/**
 * At most this many profiles are rebuilt in one tick. In steady state about one rule in sixty
 * is due a minute; after an outage, or when rules are first created, every rule is, and
 * rebuilding 10,000 at once takes longer than a tick should. The rest wait for the next
 * ticks (rules with no profile at all first); until then a rule is judged on its old
 * profile while that covers the hour, else not at all.
 */
export const MAX_PROFILE_REBUILDS_PER_TICK = 2_500;
const METRIC_LABEL: Record<SpikeMetric, string> = {
  negative: 'Negative mentions',
  complaints: 'Complaints',
  all: 'Mentions',
  negative_share: 'Negative mentions (share of all)',
};
const STATE_VERSION = 1;
/**
 * Alerts explained at most per tick. One explanation reads the window's mentions and a baseline
 * sample (two indexed queries) and extracts their phrases: 25–300 ms at the largest (2,000
 * window and 2,800 baseline mentions), a few ms for a usual storm. Storms are rare, so this
 * bounds the worst case (many brands storming in the same minute) to about a second a tick
 * without delaying the usual one; an alert left out is explained on a later tick, when it next
 * grows (an alert with no explanation counts as grown).
 */
export const MAX_EXPLANATIONS_PER_TICK = 5;
/** A storm is explained again once its total has grown by this factor (and by GROWTH_MIN mentions). */
const GROWTH_FACTOR = 2;
const GROWTH_MIN = 20;

/** The explanation stored with a spike alert (alerts.details). */
export interface SpikeAlertDetails {
  metric: SpikeMetric;
  /** The window behind the strongest evidence of the storm so far. */
  windowMinutes: number;
  observed: number;
  expected: number;
  /** observed / expected. */
  factor: number;
  /** −log10 of the tail probability of that window (before the correction for several windows). */
  surprise: number;
  baseline: BaselineSource | null;
  /** The rule as judged (preset applied). */
  rule: {
    windowMinutes: number;
    sensitivity: string;
    minCount: number;
    percentAbove: number;
    deviations: number;
    cooldownMinutes: number;
  };
  judgedAt: string;
  /** Set when the hour was marked "false alarm" before: the rule's count and excess were times this. */
  falseAlarmFactor?: number;
  /** What drives it: computed when the alert opens and when it grows notably (then kept). */
  explanation?: SpikeExplanation;
}

export interface SpikeTickResult {
  /** Start of the minute judged. */
  minute: Date;
  rules: number;
  /** Rules with enough history to judge this minute. */
  judged: number;
  profilesRebuilt: number;
  raised: number;
  reopened: number;
  closed: number;
  /** Alerts whose drivers were (re)computed this tick. */
  explained: number;
  /** Rules not judged: their stored rule is invalid. */
  skipped: number;
  /** Another tick held the lock: nothing was done. */
  locked: boolean;
  /** Notification deliveries created with raised alerts: queue them after the commit (queueNotificationDeliveries). */
  deliveries: QueuedDelivery[];
  /** Where the time went, ms: reading rules and states, minute rollups, hour rollups, judging, writing alerts and states. */
  ms: {
    rules: number;
    minutes: number;
    hours: number;
    judge: number;
    alerts: number;
    states: number;
  };
}

interface StoredState {
  v: number;
  state: BrandSpikeState;
}

/**
 * One detection tick: judges the last whole minute before `now` for every enabled rule, in one
 * transaction — reads every brand's minute rollups for the longest window in one query, the
 * hour rollups of the brands whose hourly profile is due in another, then opens, grows,
 * closes or reopens spike alerts and stores every rule's state. Runs one at a time (an
 * advisory lock), and judges a minute at most once per rule, so a repeated tick changes
 * nothing. The last minute's rollups may still grow (mentions arrive late); the next tick's
 * windows read them again, so a late mention is counted, only a minute later.
 */
export async function runSpikeTick(
  db: Database,
  options: {
    now?: Date;
    onSkip?: (ruleId: string, reason: string) => void;
    /** Profiles rebuilt at most per tick (default MAX_PROFILE_REBUILDS_PER_TICK). */
    maxRebuilds?: number;
  } = {},
): Promise<SpikeTickResult> {
  const now = options.now ?? new Date();
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const result: SpikeTickResult = {
    minute: new Date(minute),
    rules: 0,
    judged: 0,
    profilesRebuilt: 0,
    raised: 0,
    reopened: 0,
    closed: 0,
    explained: 0,
    skipped: 0,
    locked: false,
    deliveries: [],
    ms: { rules: 0, minutes: 0, hours: 0, judge: 0, alerts: 0, states: 0 },
  };
  let clock = performance.now();
  const lap = (phase: keyof SpikeTickResult['ms']) => {
    const t = performance.now();
    result.ms[phase] += Math.round(t - clock);
    clock = t;
  };
  return db.transaction().execute(async (trx) => {
    if (!(await tryLockSpikeTick(trx))) return { ...result, locked: true };
    const rows = await listSpikeRuleStates(trx);
    result.rules = rows.length;
    const work: {
      ruleId: string;
      brandId: string;
      createdAt: number;
      rule: SpikeRule;
      column: 'negative' | 'complaint' | 'total';
      state: BrandSpikeState;
      rebuilt: boolean;
      falseAlarmHours: unknown;
    }[] = [];
    for (const row of rows) {
      // Judged this minute already (a repeated tick). A rule whose state did not change is not
      // written, so it may be judged again: with the same state and counts, to the same end.
      if (row.last_minute !== null && row.last_minute.getTime() >= minute) continue;
      const parsed = AlertRuleSchema.safeParse(row.rule);
      if (!parsed.success) {
        result.skipped++;
        options.onSkip?.(row.rule_id, parsed.error.issues.map((i) => i.message).join('; '));
        continue;
      }
      const rule = resolveSpikeRule(parsed.data);
      const stored = row.state as StoredState | null;
      // A state from another version, or for another window (the rule was edited), starts afresh.
      const fresh = newBrandSpikeState(rule);
      const state =
        stored &&
        stored.v === STATE_VERSION &&
        stored.state.dispersion.phiNum.length === fresh.dispersion.phiNum.length
          ? stored.state
          : fresh;
      work.push({
        ruleId: row.rule_id,
        brandId: row.brand_id,
        createdAt: row.brand_created_at.getTime(),
        rule,
        column: METRIC_COLUMN[parsed.data.metric],
        state,
        rebuilt: false,
        falseAlarmHours: row.false_alarm_hours,
      });
    }
    lap('rules');
    if (work.length === 0) return result;

    const longest = Math.max(...work.map((w) => w.rule.windowMinutes));
    const series = new Map(
      (
        await listBrandMinuteSeries(
          trx,
          new Date(minute - (longest - 1) * MINUTE_MS),
          new Date(minute + MINUTE_MS),
        )
      ).map((r) => [r.brand_id, r]),
    );
    lap('minutes');

    // Profiles due this minute: one read of just the hours they need, for all their brands.
    const due = work
      .filter((w) => profileDue(w.state, minute, refreshMinute(w.brandId)))
      .sort((a, b) => (a.state.profile === null ? 0 : 1) - (b.state.profile === null ? 0 : 1))
      .slice(0, options.maxRebuilds ?? MAX_PROFILE_REBUILDS_PER_TICK);
    const hours = new Map<string, Map<number, RollupCounts>>();
    if (due.length > 0) {
      const wantedHours = new Set<number>();
      for (const w of due) for (const h of profileHours(minute, w.rule)) wantedHours.add(h);
      const hourRows = await listBrandHourCounts(
        trx,
        [...new Set(due.map((w) => w.brandId))],
        [...wantedHours].map((h) => new Date(h * HOUR_MS)),
      );
      for (const r of hourRows) {
        let byHour = hours.get(r.brand_id);
        if (!byHour) hours.set(r.brand_id, (byHour = new Map()));
        byHour.set(r.bucket.getTime() / HOUR_MS, r);
      }
    }
    lap('hours');
    const currentHour = Math.floor(minute / HOUR_MS);
    const updates: SpikeRuleStateUpdate[] = [];
    for (const w of due) {
      const byHour = hours.get(w.brandId);
      const firstHour = Math.floor(w.createdAt / HOUR_MS);
      // Hours before the brand existed are unknown, not zero; a known hour with no row had no mentions.
      const historyOf = (column: keyof RollupCounts): SlotHistory => ({
        rate: (n) =>
          n < firstHour || n >= currentHour
            ? undefined
            : Number(byHour?.get(n)?.[column] ?? 0) / 60,
      });
      w.state = refreshBrandProfile(
        w.state,
        historyOf(w.column),
        minute,
        w.rule,
        w.rule.metric === 'negative_share' ? historyOf('total') : undefined,
      );
      w.rebuilt = true;
      result.profilesRebuilt++;
    }

    const minuteIndex = minute / MINUTE_MS;
    for (const w of work) {
      const s = series.get(w.brandId);
      const recentOf = (column: 'negative' | 'complaint' | 'total'): Float64Array => {
        const recent = new Float64Array(w.rule.windowMinutes);
        // Minutes before the brand existed stay out of every window.
        for (let i = 0; i < recent.length; i++)
          recent[i] = minute - i * MINUTE_MS + MINUTE_MS <= w.createdAt ? Number.NaN : 0;
        if (s) {
          const counts = s[column];
          s.minutes.forEach((m, k) => {
            const i = minuteIndex - m;
            if (i >= 0 && i < recent.length && !Number.isNaN(recent[i]!)) recent[i] = counts[k]!;
          });
        }
        return recent;
      };
      const learn = (minuteIndex + refreshMinute(w.brandId)) % LEARN_EVERY === 0;
      // In an hour of the week marked "false alarm" the rule is judged more strictly
      // (false-alarms.ts); the alert's explanation shows the rule as judged.
      const factor = falseAlarmFactor(w.falseAlarmHours, minute);
      const rule = stricterRule(w.rule, factor);
      const outcome = tickBrand(w.state, recentOf(w.column), minute, rule, {
        learn,
        ...(w.rule.metric === 'negative_share' ? { totals: recentOf('total') } : {}),
      });
      // Not judged: no profile yet (a new rule waiting for its rebuild) or too little history.
      if (outcome.expected !== null) result.judged++;
      lap('judge');
      await applyEvent(trx, { ...w, rule }, outcome, minute, result, factor);
      lap('alerts');
      if (learn || w.rebuilt || outcome.event !== null) {
        updates.push({
          ruleId: w.ruleId,
          state: { v: STATE_VERSION, state: outcome.state } satisfies StoredState,
          lastMinute: new Date(minute),
        });
      }
    }
    await saveSpikeRuleStates(trx, updates);
    lap('states');
    return result;
  });
}

/**
 * The mentions an alert is explained by: those of its strongest evidence window (`w` minutes) as
 * of the minute the storm opened, through the judged minute — the onset and everything since,
 * at most a day. The baseline stops one rule window before that, so a storm's build-up is not
 * taken for the brand's normal.
 */
function explanationRange(alert: AlertState, details: SpikeAlertDetails, rule: SpikeRule, minute: number) {
  const before = minute + MINUTE_MS;
  const w = details.windowMinutes * MINUTE_MS;
  const from = Math.max(before - 24 * HOUR_MS, Math.min((alert.openedAt ?? minute) + MINUTE_MS - w, before - w));
  return {
    from: new Date(from),
    before: new Date(before),
    baselineBefore: new Date(from - rule.windowMinutes * MINUTE_MS),
  };
}

async function applyEvent(
  trx: Database,
  w: { ruleId: string; brandId: string; rule: SpikeRule },
  outcome: TickOutcome,
  minute: number,
  result: SpikeTickResult,
  falseAlarmFactor = 1,
): Promise<void> {
  const { event, state } = outcome;
  if (event === null) return;
  const alert = state.alert;
  const details = explain(w.rule, alert, outcome, minute);
  if (falseAlarmFactor > 1) details.falseAlarmFactor = Math.round(falseAlarmFactor * 100) / 100;
  const message = describe(w.rule, details);
  const peak = Math.round(alert.peak);
  const total = Math.round(alert.total);
  const explainNow = async (): Promise<SpikeExplanation> => {
    result.explained++;
    return explainSpike(trx, {
      brandId: w.brandId,
      metric: w.rule.metric,
      ...explanationRange(alert, details, w.rule, minute),
      total,
    });
  };
  if (event === 'raised') {
    const canExplain = result.explained < MAX_EXPLANATIONS_PER_TICK;
    const explanation = canExplain ? await explainNow() : undefined;
    const explained: SpikeAlertDetails = explanation ? { ...details, explanation } : details;
    const text = explanation?.summary ? `${message} ${explanation.summary}` : message;
    const alertId = await openSpikeAlert(trx, {
      ruleId: w.ruleId,
      brandId: w.brandId,
      message: text,
      startedAt: new Date(alert.openedAt ?? minute),
      peak,
      total,
      details: explained,
    });
    result.raised++;
    // The storm's mentions are grouped as soon as it is explained (here, or when it next grows).
    if (alertId !== null && explanation)
      await openIncident(trx, { alertId, brandId: w.brandId, metric: w.rule.metric, explanation });
    // One notification per storm, in the same transaction (the outbox): a reopened storm or a
    // growing one tells no one twice.
    if (alertId !== null) {
      const { deliveries } = await insertNotification(trx, {
        brandId: w.brandId,
        kind: 'spike',
        sourceId: alertId,
        severity: 'high',
        title: `${METRIC_LABEL[w.rule.metric]} spike`,
        text,
        linkPath: explanation?.linkPath ?? null,
        details: {
          explanation: text,
          figures: [
            { label: 'observed', value: details.observed },
            { label: 'normal', value: details.expected },
            { label: 'factor', value: `${details.factor}×` },
            { label: 'window', value: `${details.windowMinutes} min` },
            { label: 'baseline', value: details.baseline ?? 'unknown' },
            ...(explanation
              ? [
                  ...explanation.phrases.slice(0, 5).map((d) => ({
                    label: `phrase "${d.term}"`,
                    value: `${d.count} mentions (G² ${d.g2})`,
                  })),
                  ...explanation.hashtags.slice(0, 3).map((d) => ({
                    label: `hashtag ${d.term}`,
                    value: `${d.count} mentions (G² ${d.g2})`,
                  })),
                  ...explanation.platforms.map((p) => ({ label: `on ${p.platform}`, value: p.count })),
                ]
              : []),
          ],
          ...(explanation
            ? {
                examples: explanation.examples.map((e) => ({
                  text: e.text,
                  author: e.author,
                  platform: e.platform,
                  url: e.url,
                  postedAt: e.postedAt,
                })),
                drivers: { phrases: explanation.phrases, hashtags: explanation.hashtags },
                authors: explanation.authors,
              }
            : {}),
        },
      });
      result.deliveries.push(...deliveries);
    }
    return;
  }
  const status = event === 'closed' ? 'closed' : 'open';
  const change = { status, message, peak, total, details: { ...details } } as const;
  const updated = await updateSpikeAlert(trx, w.ruleId, change);
  // The storm is over by itself: the deadlines its incident tightened go back to normal, as when
  // a person resolves it (issue #8).
  if (status === 'closed' && updated !== null) {
    const tightened = await findTightenedIncidentByAlert(trx, updated.id);
    if (tightened) await restoreIncidentDeadlinesIn(trx, tightened.brand_id, tightened.deadline_since);
  }
  // A reopened storm whose alert row is gone (deleted by hand) opens a new one.
  if (updated === null && status === 'open')
    await openSpikeAlert(trx, {
      ruleId: w.ruleId,
      brandId: w.brandId,
      message,
      startedAt: new Date(alert.openedAt ?? minute),
      peak,
      total,
      details,
    });
  // Explained again when it came back, or grew well past what was explained (or never was:
  // the tick's budget was spent when it opened). The message keeps the explanation's summary.
  const grown =
    updated !== null &&
    status === 'open' &&
    (event === 'reopened' ||
      updated.explainedTotal === null ||
      (total >= GROWTH_FACTOR * updated.explainedTotal && total - updated.explainedTotal >= GROWTH_MIN));
  if (grown && result.explained < MAX_EXPLANATIONS_PER_TICK) {
    const explanation = await explainNow();
    await openIncident(trx, { alertId: updated.id, brandId: w.brandId, metric: w.rule.metric, explanation });
    await updateSpikeAlert(trx, w.ruleId, {
      ...change,
      message: explanation.summary ? `${message} ${explanation.summary}` : message,
      details: { ...details, explanation },
    });
  }
  if (event === 'reopened') result.reopened++;
  if (event === 'closed') result.closed++;
}

function explain(
  rule: SpikeRule,
  alert: AlertState,
  outcome: TickOutcome,
  minute: number,
): SpikeAlertDetails {
  const evidence = alert.evidence ?? outcome.judgement.trigger ?? outcome.judgement.strongest;
  const observed = evidence?.observed ?? 0;
  const expected = evidence?.expected ?? 0;
  return {
    metric: rule.metric,
    windowMinutes: evidence?.steps ?? rule.windowMinutes,
    observed,
    expected: Math.round(expected * 10) / 10,
    factor: expected > 0 ? Math.round((observed / expected) * 10) / 10 : 0,
    surprise: evidence ? Math.round((-evidence.logP / Math.LN10) * 10) / 10 : 0,
    baseline: outcome.state.profile?.source ?? null,
    rule: {
      windowMinutes: rule.windowMinutes,
      sensitivity: rule.sensitivity,
      minCount: rule.minCount,
      percentAbove: rule.percentAbove,
      deviations: rule.deviations,
      cooldownMinutes: rule.cooldownMinutes,
    },
    judgedAt: new Date(minute).toISOString(),
  };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Negative mentions: 47 in 12 minutes, 3.9× the 12.1 normal for Tuesday 14:00 UTC (weekly baseline)." */
function describe(rule: SpikeRule, d: SpikeAlertDetails): string {
  const at = new Date(d.judgedAt);
  const when = `${WEEKDAYS[at.getUTCDay()]} ${String(at.getUTCHours()).padStart(2, '0')}:00 UTC`;
  const baseline =
    d.baseline === 'weekly'
      ? 'for this hour of the week'
      : d.baseline === 'daily'
        ? 'for this hour of the day (less than two weeks of history)'
        : 'from the last hours (less than two days of history)';
  if (rule.metric === 'negative_share') {
    return `${METRIC_LABEL[rule.metric]}: ${d.observed} in ${d.windowMinutes} min, ${d.factor}× the ${d.expected} that this many mentions would hold at the normal negative share ${baseline}, ${when}.`;
  }
  return `${METRIC_LABEL[rule.metric]}: ${d.observed} in ${d.windowMinutes} min, ${d.factor}× the ${d.expected} normal ${baseline}, ${when}.`;
}
