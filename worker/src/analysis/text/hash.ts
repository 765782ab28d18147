/** FNV-1a offset basis: the seed for a fresh hash. */
export const HASH_SEED = 0x811c9dc5;

/** Continues an FNV-1a hash over the UTF-16 code units of `s`. */
export function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Continues a hash with one more unit (a separator or a character). */
export function hashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** Spreads the bits of an FNV hash (murmur3's finaliser) before it is cut to a bucket. */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A namespace seed, so "n:bad" and "bad" or a bigram and a unigram never share a bucket by design. */
export function namespaceSeed(name: string): number {
  return hashStep(hashString(HASH_SEED, name), 0x1f);
}
