import { finishHash, hashString, namespaceSeed } from '../text/hash.ts';

/** Share of the labelled data kept back from all training and tuning. */
export const HELD_OUT_PERCENT = 15;
const HELD_OUT_SEED = namespaceSeed('earshot-held-out-v1');
const FOLD_SEED = namespaceSeed('earshot-fold-v1');

/**
 * Whether an example belongs to the fixed held-out part. Decided by a hash of its id, so
 * the split never changes when rows are added, removed or reordered.
 */
export function isHeldOut(id: string): boolean {
  return finishHash(hashString(HELD_OUT_SEED, id)) % 100 < HELD_OUT_PERCENT;
}

/** Cross-validation fold (0 … k-1) of an example, by a hash of its id independent of {@link isHeldOut}. */
export function foldOf(id: string, k: number): number {
  return finishHash(hashString(FOLD_SEED, id)) % k;
}
