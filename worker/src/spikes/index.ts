export { logUpperTail, logGamma } from './count-tail.ts';
export { AlertRuleSchema, parseSpikeRule, resolveSpikeRule, SENSITIVITY_PRESETS, SPIKE_METRICS, SENSITIVITIES, type AlertRuleInput, type SpikeRule, type SpikeMetric, type Sensitivity } from './rule.ts';
export { judgeWindows, windowLengths, type WindowEvidence, type WindowJudgement } from './judge-windows.ts';
export { advanceAlertState, QUIET_STATE, type AlertState, type AlertEvent } from './alert-state.ts';
export { slotBaseline, slotGeometry, type SlotHistory, type SlotGeometry, type BaselineSource } from './seasonal-baseline.ts';
export { SeriesDetector, type SeriesJudgement } from './series-detector.ts';
