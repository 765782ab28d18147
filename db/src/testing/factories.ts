import type { NewMention } from '../schema.ts';

let seq = 0;

/**
 * A stored-mention row with plausible values and a unique external id; tests override what
 * they are about. The one factory for mention rows, so a new column changes one place.
 */
export function buildMention(brandId: string, over: Partial<NewMention> = {}): NewMention {
  seq++;
  return {
    brand_id: brandId,
    platform: 'demo',
    external_id: `test-${process.pid}-${seq}`,
    text: `mention ${seq}`,
    author_handle: 'someone',
    posted_at: new Date(Date.UTC(2026, 10, 24, 10)),
    sentiment: 'negative',
    sentiment_score: -0.5,
    confidence: 0.8,
    intent: 'complaint',
    priority: 2,
    priority_reason: 'complaint',
    sla_due_at: new Date(Date.UTC(2026, 10, 24, 11)),
    ...over,
  };
}

/** How many mentions `buildMention` has made: for tests that need a varying value. */
export function mentionSeq(): number {
  return seq;
}
