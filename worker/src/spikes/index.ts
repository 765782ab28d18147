export { logUpperTail, logGamma } from './count-tail.ts';
export {
  AlertRuleSchema,
  parseSpikeRule,
  resolveSpikeRule,
  SENSITIVITY_PRESETS,
  SPIKE_METRICS,
  SENSITIVITIES,
  type AlertRuleInput,
  type SpikeRule,
  type SpikeMetric,
  type Sensitivity,
} from './rule.ts';
export {
  judgeWindows,
  windowLengths,
  type WindowEvidence,
  type WindowJudgement,
} from './judge-windows.ts';
export { advanceAlertState, QUIET_STATE, type AlertState, type AlertEvent } from './alert-state.ts';
export {
  slotBaseline,
  slotGeometry,
  MINUTE_MS,
  HOUR_MS,
  DAY_MS,
  WEEK_MS,
  type SlotHistory,
  type SlotGeometry,
  type BaselineSource,
} from './seasonal-baseline.ts';
export { SeriesDetector, type SeriesJudgement } from './series-detector.ts';
export {
  newBrandSpikeState,
  profileDue,
  refreshBrandProfile,
  refreshMinute,
  tickBrand,
  PROFILE_HISTORY_HOURS,
  profileHours,
  type BrandProfile,
  type BrandSpikeState,
  type TickOutcome,
} from './live-tick.ts';
export { runSpikeTick, type SpikeTickResult, type SpikeAlertDetails } from './run-spike-tick.ts';
export { falseAlarmFactor, hourOfWeek, stricterRule, type FalseAlarmHours } from './false-alarms.ts';
