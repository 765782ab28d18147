export { runClassify } from './run-classify.ts';
export { runDetectSpikes, parseTimestamp, type DetectSpikesResult } from './run-detect-spikes.ts';
