export type { TextAnalysis } from './types.ts';
export { classifyText } from './classify-text.ts';
