import type { NewMention } from '../schema.ts';
import { buildMention } from './factories.ts';
import { rebuildBrandRollups } from '../rollups/rebuild-brand-rollups.ts';
import type { Database } from '../client.ts';

/**
 * A hand-made week for report tests: brand "Kettle Co" in Europe/London, open Monday–Friday
 * 09:00–17:00, closed on Thursday 2026-10-22 (a holiday). ISO week 2026-W43 runs from Monday
 * 19 October 00:00 BST (2026-10-18T23:00Z) to Monday 26 October 00:00 GMT (2026-10-26T00:00Z):
 * 169 hours, because clocks go back on Sunday 25 October at 02:00 BST (01:00Z). The expected
 * figures are worked out by hand in worker/src/reports/build-report.test.ts.
 */
export const SEEDED = {
  brand: 'Kettle Co',
  week: '2026-W43',
  asOf: new Date('2026-10-26T12:00:00Z'),
  policy: {
    time_zone: 'Europe/London',
    targets_minutes: JSON.stringify({ P1: 60, P2: 120, P3: 240, P4: 480 }),
    business_hours: JSON.stringify(
      Object.fromEntries(
        ['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }]),
      ),
    ),
    holidays: JSON.stringify(['2026-10-22']),
  },
} as const;

type Seed = Partial<NewMention> & { key: string };

// Times are UTC; the comment gives London local time. Deadlines are worked out in the test.
const WEEK: Seed[] = [
  {
    key: 'm1',
    posted_at: '2026-10-19T09:00:00Z',
    platform: 'x',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    priority: 2,
    sla_due_at: '2026-10-19T11:00:00Z',
    author_handle: 'alice',
    author_followers: 120,
    text: 'Late delivery again, my parcel is missing',
    status: 'answered',
  }, // Mon 10:00 BST
  {
    key: 'm2',
    posted_at: '2026-10-19T15:30:00Z',
    platform: 'x',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    priority: 1,
    sla_due_at: '2026-10-20T08:30:00Z',
    author_handle: 'bob_c',
    author_followers: 300,
    text: 'Still waiting, late delivery and no refund',
    status: 'answered',
  }, // Mon 16:30 BST
  {
    key: 'm3',
    posted_at: '2026-10-20T11:00:00Z',
    platform: 'reddit',
    sentiment: 'positive',
    intent: 'praise',
    priority: 4,
    sla_due_at: '2026-10-21T11:00:00Z',
    author_handle: 'carol',
    author_followers: 800,
    text: 'Love the new kettle',
    status: 'answered',
  }, // Tue 12:00 BST
  {
    key: 'm4',
    posted_at: '2026-10-21T17:00:00Z',
    platform: 'x',
    sentiment: 'neutral',
    intent: 'question',
    priority: 3,
    sla_due_at: '2026-10-23T12:00:00Z',
    author_handle: 'dave',
    text: 'Do you ship to Ireland?',
    status: 'answered',
  }, // Wed 18:00 BST, after closing
  {
    key: 'm5',
    posted_at: '2026-10-22T09:00:00Z',
    platform: 'x',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'billing',
    priority: 2,
    sla_due_at: '2026-10-23T10:00:00Z',
    author_handle: 'alice',
    text: 'Charged twice on my bill',
    status: 'answered',
  }, // Thu 10:00 BST, the holiday
  {
    key: 'm6',
    posted_at: '2026-10-24T10:00:00Z',
    platform: 'reddit',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    priority: 1,
    sla_due_at: '2026-10-26T10:00:00Z',
    author_handle: 'erin',
    text: 'Parcel missing for a week',
    status: 'answered',
  }, // Sat 11:00 BST
  {
    key: 'm7',
    posted_at: '2026-10-24T23:30:00Z',
    platform: 'x',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'billing',
    priority: 2,
    sla_due_at: '2026-10-26T11:00:00Z',
    author_handle: 'bob_c',
    text: 'Charged twice again',
  }, // Sun 00:30 BST (a UTC Saturday)
  {
    key: 'm8',
    posted_at: '2026-10-25T01:30:00Z',
    platform: 'x',
    sentiment: 'positive',
    intent: 'praise',
    priority: 4,
    sla_due_at: '2026-10-26T17:00:00Z',
    author_handle: 'frank',
    author_followers: 50,
    text: 'Best tea of my life',
    status: 'closed',
  }, // Sun 01:30 GMT, after the change
  {
    key: 'm9',
    posted_at: '2026-10-25T23:30:00Z',
    platform: 'x',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    priority: 1,
    sla_due_at: '2026-10-26T10:00:00Z',
    author_handle: 'erin',
    author_followers: 5000,
    text: 'Late delivery, parcel damaged',
    status: 'answered',
  }, // Sun 23:30 GMT
  {
    key: 'm10',
    posted_at: '2026-10-23T15:00:00Z',
    platform: 'x',
    sentiment: 'neutral',
    intent: 'spam',
    is_spam: true,
    priority: 4,
    sla_due_at: '2026-10-26T16:00:00Z',
    author_handle: 'spammer',
    text: 'Win a free kettle now',
  }, // Fri 16:00 BST
  {
    key: 'm11',
    posted_at: '2026-10-23T13:00:00Z',
    platform: 'reddit',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    priority: 3,
    sla_due_at: '2026-10-26T10:00:00Z',
    author_handle: 'gina',
    text: 'Courier never came, late delivery',
    status: 'answered',
  }, // Fri 14:00 BST
  {
    key: 'm12',
    posted_at: '2026-10-23T15:50:00Z',
    platform: 'x',
    sentiment: 'neutral',
    intent: 'question',
    priority: 4,
    sla_due_at: '2026-10-26T16:50:00Z',
    author_handle: 'hank',
    text: 'Is the shop open on Monday?',
  }, // Fri 16:50 BST
];

// Week 2026-W42 (2026-10-11T23:00Z to 2026-10-18T23:00Z), for the comparisons.
const PREVIOUS: Seed[] = [
  {
    key: 'p1',
    posted_at: '2026-10-13T10:00:00Z',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    text: 'Parcel missing',
  },
  {
    key: 'p2',
    posted_at: '2026-10-14T10:00:00Z',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'billing',
    text: 'Charged twice',
  },
  {
    key: 'p3',
    posted_at: '2026-10-15T10:00:00Z',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'billing',
    text: 'Wrong bill amount',
  },
  {
    key: 'p4',
    posted_at: '2026-10-16T10:00:00Z',
    sentiment: 'positive',
    intent: 'praise',
    text: 'Great service',
  },
  {
    key: 'p5',
    posted_at: '2026-10-17T10:00:00Z',
    sentiment: 'neutral',
    intent: 'other',
    text: 'Any news?',
  },
  {
    key: 'p6',
    posted_at: '2026-10-18T22:30:00Z',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    text: 'Courier was rude',
  }, // Sun 23:30 BST
];

// Outside the week: Monday 26th 00:30 GMT belongs to W44.
const AFTER: Seed[] = [
  {
    key: 'n1',
    posted_at: '2026-10-26T00:30:00Z',
    sentiment: 'negative',
    intent: 'complaint',
    topic: 'delivery',
    text: 'Late delivery yet again',
  },
];

export interface SeededWeek {
  brandId: string;
  otherBrandId: string;
  ann: string;
  bob: string;
  ids: Record<string, string>;
}

/** Stores the week, its replies and a second brand's mention in the same week. */
export async function seedReportWeek(db: Database): Promise<SeededWeek> {
  const [brandId, otherBrandId] = (
    await db
      .insertInto('brands')
      .values([{ name: SEEDED.brand }, { name: 'Other Co' }])
      .returning('id')
      .execute()
  ).map((r) => r.id) as [string, string];
  await db
    .insertInto('sla_policies')
    .values({ brand_id: brandId, ...SEEDED.policy })
    .execute();
  const [ann, bob] = (
    await db
      .insertInto('users')
      .values([
        { email: 'ann@kettle.test', name: 'Ann', password_hash: 'x' },
        { email: 'bob@kettle.test', name: 'Bob', password_hash: 'x' },
      ])
      .returning('id')
      .execute()
  ).map((r) => r.id) as [string, string];

  const ids: Record<string, string> = {};
  for (const { key, ...over } of [...WEEK, ...PREVIOUS, ...AFTER]) {
    const row = await db
      .insertInto('mentions')
      .values(
        buildMention(brandId, { platform: 'x', priority: 3, sla_due_at: over.posted_at, ...over }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
  await db
    .insertInto('mentions')
    .values(buildMention(otherBrandId, { posted_at: '2026-10-20T10:00:00Z' }))
    .execute();

  let n = 0;
  const reply = (
    mention: string,
    user: string,
    state: 'sent' | 'failed' | 'queued',
    sentAt: string | null,
  ) => ({
    mention_id: ids[mention]!,
    user_id: user,
    text: 'Sorry about that, we are on it',
    idempotency_key: `seed-${++n}`,
    state,
    sent_at: sentAt,
  });
  await db
    .insertInto('replies')
    .values([
      reply('m1', ann, 'sent', '2026-10-19T10:30:00Z'),
      reply('m2', bob, 'sent', '2026-10-20T08:45:00Z'),
      reply('m3', ann, 'sent', '2026-10-20T11:20:00Z'),
      reply('m4', bob, 'sent', '2026-10-23T08:30:00Z'),
      reply('m5', ann, 'sent', '2026-10-23T10:00:00Z'), // exactly at its deadline
      reply('m6', bob, 'sent', '2026-10-26T09:20:00Z'),
      reply('m7', ann, 'queued', null),
      reply('m9', ann, 'sent', '2026-10-26T09:10:00Z'),
      reply('m11', ann, 'failed', null),
      reply('m11', bob, 'sent', '2026-10-23T15:00:00Z'),
      reply('m11', ann, 'sent', '2026-10-26T09:00:00Z'),
      reply('m12', bob, 'sent', '2026-10-26T13:00:00Z'), // after asOf: not counted
    ])
    .execute();
  // Stored directly, not through the analyze stage: count them into the rollups as it would.
  for (const id of [brandId, otherBrandId]) await rebuildBrandRollups(db, id, new Date('2026-10-05T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
  return { brandId, otherBrandId, ann, bob, ids };
}
