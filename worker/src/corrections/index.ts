export { correctMention, type CorrectMentionInput } from './correct-mention.ts';
export { parseCorrectionValue, type CorrectionValue } from './correction-value.ts';
export { exportCorrectionsJsonl } from './export-corrections-jsonl.ts';
