export { startWorker, type WorkerRole } from './start-worker.ts';
export { handleAnalyzeMentions } from './jobs/analyze-mentions.handler.ts';
export { classifyText, type TextAnalysis } from './analysis/index.ts';
export { scorePriority } from './priority/index.ts';
export { computeDueAt, applySlaPolicy, slaRulesFromPolicy } from './sla/index.ts';
export { correctMention } from './corrections/index.ts';
export { runClassify } from './cli/index.ts';
export { exportCorrectionsJsonl } from './corrections/index.ts';
