export { BrandOverlay, OverlayJsonSchema, OVERLAY_FORMAT, type OverlayJson } from './overlay.ts';
export { trainOverlay, crossValidateOverlay, DEFAULT_OVERLAY_OPTIONS, type BrandExample, type OverlayOptions, type OverlayEvaluation } from './train-overlay.ts';
export { retrainBrandModel, CONFIRMATION_WEIGHT, MAX_CONFIRMATIONS, type RetrainOutcome } from './retrain-brand.ts';
export { BrandModelCache } from './brand-model-cache.ts';
