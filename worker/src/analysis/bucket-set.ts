/** Starting size of the per-text set of emitted buckets (a power of two). */
const SEEN_SLOTS = 256;

/**
 * The hash buckets already emitted for the current text, so binary features count once: a
 * small open-addressing set keyed by a per-text generation. It stays in the CPU cache, where
 * a stamp per hash bucket (4 MB) cost a third of the classifying speed.
 */
export class BucketSet {
  private seen = new Int32Array(SEEN_SLOTS);
  private seenGeneration = new Uint32Array(SEEN_SLOTS);
  private generation = 0;
  private emitted = 0;
  private emittedBuckets = new Int32Array(SEEN_SLOTS / 2);

  /** Empties the set for the next text (by moving to a new generation, not by clearing). */
  startText(): void {
    this.emitted = 0;
    if (++this.generation === 0xffffffff) {
      this.seenGeneration.fill(0);
      this.generation = 1;
    }
  }

  /** Adds a bucket; false when this text already had it. */
  add(bucket: number): boolean {
    if (this.emitted * 2 >= this.seen.length) this.grow();
    const seen = this.seen;
    const slots = seen.length - 1;
    const generations = this.seenGeneration;
    let slot = bucket & slots;
    while (generations[slot] === this.generation) {
      if (seen[slot] === bucket) return false;
      slot = (slot + 1) & slots;
    }
    generations[slot] = this.generation;
    seen[slot] = bucket;
    this.emittedBuckets[this.emitted++] = bucket;
    return true;
  }

  /** Doubles the set for an unusually long text and re-adds the buckets already in it. */
  private grow(): void {
    const size = this.seen.length * 2;
    const seen = new Int32Array(size);
    const generations = new Uint32Array(size);
    for (let k = 0; k < this.emitted; k++) {
      const bucket = this.emittedBuckets[k]!;
      let slot = bucket & (size - 1);
      while (generations[slot] === this.generation) slot = (slot + 1) & (size - 1);
      generations[slot] = this.generation;
      seen[slot] = bucket;
    }
    const list = new Int32Array(size / 2);
    list.set(this.emittedBuckets);
    this.seen = seen;
    this.seenGeneration = generations;
    this.emittedBuckets = list;
  }
}
