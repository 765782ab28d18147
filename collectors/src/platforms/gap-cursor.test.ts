import { describe, expect, it } from 'vitest';
import { readWithGap, type GapPosition, type GapReader, type WalkEnd } from './gap-cursor.ts';

/**
 * A listing of posts numbered 1, 2, 3… (the number is the point in the listing's order),
 * read newest first in pages of `pageSize`, at most `pagesPerPoll` pages a poll, `backlog`
 * posts on the first poll: the shape of X's and Bluesky's searches.
 */
function listing(options: { pageSize: number; pagesPerPoll: number; backlog: number }) {
  const posts: number[] = [];
  let pagesLeft = 0;

  async function* walk(since: number | null, until: number | null, limit: { maxPages: number; size: number }): AsyncGenerator<number[], WalkEnd<number>, void> {
    // Exclusive at both ends, as since_id / until_id are.
    const range = posts.filter((p) => (since === null || p > since) && (until === null || p < until)).sort((a, b) => b - a);
    let newest: number | null = null;
    let oldest: number | null = null;
    for (let page = 0, at = 0; ; page++) {
      if (page >= limit.maxPages || pagesLeft <= 0) return { complete: false, newest, oldest };
      pagesLeft--;
      const slice = range.slice(at, at + limit.size);
      at += slice.length;
      if (slice.length > 0) {
        newest ??= slice[0]!;
        oldest = slice.at(-1)!;
        yield slice;
      }
      if (at >= range.length) return { complete: true, newest, oldest };
    }
  }

  const reader: GapReader<GapPosition<number>, number, number[]> = {
    isFirst: (s) => s.since === null && !s.gap,
    readFirst: () => walk(null, null, { maxPages: 1, size: options.backlog }),
    readDown: (s, until) => walk(s.since, until, { maxPages: Infinity, size: options.pageSize }),
    positionOf: (s) => ({ since: s.since }),
    readUpTo: (_s, newest) => ({ since: newest }),
  };

  return {
    count: () => posts.length,
    add(n: number) {
      for (let i = 0; i < n; i++) posts.push(posts.length + 1);
    },
    async poll(position: GapPosition<number>): Promise<{ read: number[]; position: GapPosition<number> }> {
      pagesLeft = options.pagesPerPoll;
      const it = readWithGap(position, reader);
      const read: number[] = [];
      for (;;) {
        const step = await it.next();
        if (step.done) return { read, position: step.value };
        read.push(...step.value);
      }
    },
  };
}

describe('readWithGap', () => {
  it('takes only a backlog of the newest posts on the first poll, then everything newer', async () => {
    const l = listing({ pageSize: 10, pagesPerPoll: 5, backlog: 3 });
    l.add(20);
    const first = await l.poll({ since: null });
    expect(first.read).toEqual([20, 19, 18]);
    expect(first.position).toEqual({ since: 20 });
    l.add(4);
    const second = await l.poll(first.position);
    expect(second.read).toEqual([24, 23, 22, 21]);
    expect(second.position).toEqual({ since: 24 });
  });

  it('keeps the first poll a first poll while nothing was read', async () => {
    const l = listing({ pageSize: 10, pagesPerPoll: 5, backlog: 3 });
    const empty = await l.poll({ since: null });
    expect(empty).toEqual({ read: [], position: { since: null } });
  });

  it('remembers the unread part of a poll cut short as a gap, and reads it before anything newer', async () => {
    const l = listing({ pageSize: 2, pagesPerPoll: 2, backlog: 1 });
    l.add(1);
    const first = await l.poll({ since: null });
    l.add(8); // posts 2..9; two pages of two reach 9..6
    const cut = await l.poll(first.position);
    expect(cut.read).toEqual([9, 8, 7, 6]);
    expect(cut.position).toEqual({ since: 1, gap: { until: 6, newest: 9 } });
    l.add(1); // post 10 arrives meanwhile
    const filling = await l.poll(cut.position);
    expect(filling.read).toEqual([5, 4, 3, 2]);
    // The gap is read to its end; no page is left for post 10, which waits without a gap.
    expect(filling.position).toEqual({ since: 9 });
    const done = await l.poll(filling.position);
    expect(done.read).toEqual([10]);
    expect(done.position).toEqual({ since: 10 });
  });

  it('reads every post once over many polls cut short at random, whatever arrives meanwhile', async () => {
    // A fixed sequence of pseudo-random arrivals, so a failure is reproducible.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const l = listing({ pageSize: 3, pagesPerPoll: 2, backlog: 5 });
    l.add(5);
    let position: GapPosition<number> = { since: null };
    const read: number[] = [];
    for (let poll = 0; poll < 200; poll++) {
      const step = await l.poll(position);
      read.push(...step.read);
      position = step.position;
      l.add(Math.floor(random() * 9));
    }
    for (let poll = 0; poll < 100 && (position.gap || position.since !== l.count()); poll++) {
      const step = await l.poll(position);
      read.push(...step.read);
      position = step.position;
    }
    const total = l.count();
    expect(total).toBeGreaterThan(500);
    expect(new Set(read).size).toBe(read.length);
    expect([...read].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(position).toEqual({ since: total });
  });
});
