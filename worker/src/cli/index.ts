export { runClassify } from './run-classify.ts';
