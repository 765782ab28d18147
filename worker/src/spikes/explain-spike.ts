import {
  inboxFilterSearchParams,
  listSpikeWindowMentions,
  sampleBrandMentionTexts,
  type Database,
  type InboxFilter,
  type SpikeMentionMatch,
} from '@earshot/db';
import { hashtagsOf, phrasesOf } from '../analysis/text/phrases.ts';
import type { SpikeMetric } from './rule.ts';
import { spikeDrivers, type SpikeDriver } from './spike-drivers.ts';

/** The mentions a metric counts, as the rollups count them (sentiment or intent label). */
export const METRIC_MATCH: Record<SpikeMetric, SpikeMentionMatch> = {
  negative: { sentiment: 'negative' },
  complaints: { intent: 'complaint' },
  all: {},
  negative_share: { sentiment: 'negative' },
};

/**
 * Window mentions read at most: a storm of thousands is described as well by its newest two
 * thousand, and reading them must fit in a tick.
 */
export const WINDOW_READ_LIMIT = 2_000;
/** Baseline: the newest this many mentions of each of the 7 days before the window (≤ 2,800). */
export const BASELINE_DAYS = 7;
export const BASELINE_PER_DAY = 400;
const EXAMPLES = 5;
const TOP = 5;

/** What drives a spike (stored in `alerts.details.explanation`). */
export interface SpikeExplanation {
  /** The mentions explained: posted in [from, before) and matching the metric. */
  from: string;
  before: string;
  /** Window mentions read (all of them unless `sampled`, then the newest WINDOW_READ_LIMIT). */
  mentions: number;
  sampled: boolean;
  /** Earlier mentions of the same metric compared against (the brand's normal). */
  baselineMentions: number;
  phrases: SpikeDriver[];
  hashtags: SpikeDriver[];
  authors: { handle: string; count: number }[];
  platforms: { platform: string; count: number }[];
  examples: {
    id: string;
    author: string;
    text: string;
    platform: string;
    url: string | null;
    postedAt: string;
  }[];
  /** The inbox filtered to exactly these mentions (brand, metric's label, posted range). */
  linkPath: string;
  /** The alert's total when this was computed: a storm that grows well past it is explained again. */
  total: number;
  /** `describeDrivers` of this: the sentence the alert's message and notification end with. */
  summary: string;
}

function topCounts<K extends string>(values: readonly string[], key: K): ({ count: number } & Record<K, string>)[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([v, count]) => ({ [key]: v, count }) as { count: number } & Record<K, string>);
}

/**
 * Explains a spike: reads the window's mentions that match the rule's metric and a bounded
 * sample of the brand's earlier ones (the 7 days before `baselineBefore`, default the window), and returns the phrases
 * and hashtags over-represented in the window (`spikeDrivers`), the top authors and platforms,
 * a few example mentions (those using the strongest driver first, one per author) and the inbox
 * link. Two queries, both on `mentions_brand_posted_idx`.
 */
export async function explainSpike(
  db: Database,
  q: {
    brandId: string;
    metric: SpikeMetric;
    from: Date;
    before: Date;
    /** Where the baseline's 7 days end (default `from`). */
    baselineBefore?: Date;
    total: number;
  },
): Promise<SpikeExplanation> {
  const match = METRIC_MATCH[q.metric];
  const [rows, baseline] = await Promise.all([
    listSpikeWindowMentions(db, {
      brandId: q.brandId,
      from: q.from,
      before: q.before,
      match,
      limit: WINDOW_READ_LIMIT,
    }),
    sampleBrandMentionTexts(db, {
      brandId: q.brandId,
      before: q.baselineBefore ?? q.from,
      days: BASELINE_DAYS,
      perDay: BASELINE_PER_DAY,
      match,
    }),
  ]);
  const drivers = spikeDrivers(
    rows.map((r) => r.text),
    baseline,
  );
  const strongest = [...drivers.phrases, ...drivers.hashtags].sort((a, b) => b.g2 - a.g2)[0];
  const uses = (text: string) =>
    strongest === undefined
      ? false
      : strongest.term.startsWith('#')
        ? hashtagsOf(text).has(strongest.term)
        : phrasesOf(text).has(strongest.term);
  // Examples: mentions that use the strongest driver first, then the most-followed; one per author.
  const ranked = [...rows].sort(
    (a, b) =>
      Number(uses(b.text)) - Number(uses(a.text)) ||
      (b.author_followers ?? 0) - (a.author_followers ?? 0) ||
      b.posted_at.getTime() - a.posted_at.getTime(),
  );
  const seen = new Set<string>();
  const examples: SpikeExplanation['examples'] = [];
  for (const r of ranked) {
    if (examples.length >= EXAMPLES) break;
    if (seen.has(r.author_handle)) continue;
    seen.add(r.author_handle);
    examples.push({
      id: r.id,
      author: r.author_handle,
      text: r.text.length > 280 ? `${r.text.slice(0, 279)}…` : r.text,
      platform: r.platform,
      url: r.url,
      postedAt: r.posted_at.toISOString(),
    });
  }
  const filter: InboxFilter = {
    brandId: q.brandId,
    postedFrom: q.from.toISOString(),
    postedBefore: q.before.toISOString(),
    ...(match.sentiment ? { sentiment: match.sentiment } : {}),
    ...(match.intent ? { intent: match.intent } : {}),
  };
  const explanation: Omit<SpikeExplanation, 'summary'> = {
    from: filter.postedFrom,
    before: filter.postedBefore,
    mentions: rows.length,
    sampled: rows.length >= WINDOW_READ_LIMIT,
    baselineMentions: baseline.length,
    phrases: drivers.phrases,
    hashtags: drivers.hashtags,
    authors: topCounts(
      rows.map((r) => r.author_handle),
      'handle',
    ),
    platforms: topCounts(
      rows.map((r) => r.platform),
      'platform',
    ),
    examples,
    linkPath: `/inbox?${inboxFilterSearchParams(filter)}`,
    total: q.total,
  };
  return { ...explanation, summary: describeDrivers(explanation) };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** The explanation in one or two sentences, for the alert's message and the notification. */
export function describeDrivers(e: Omit<SpikeExplanation, 'summary'>): string {
  const parts: string[] = [];
  const terms = [...e.phrases.slice(0, 3), ...e.hashtags.slice(0, 2)];
  if (terms.length > 0)
    parts.push(
      `Driven by ${terms
        .map((d) => `${d.term.startsWith('#') ? d.term : `"${d.term}"`} (${pct(d.windowShare)} of them, ${pct(d.baselineShare)} normally)`)
        .join(', ')}.`,
    );
  else if (e.mentions > 0)
    parts.push(
      e.baselineMentions === 0
        ? 'No earlier mentions to compare phrases against.'
        : 'No phrase stands out against the brand’s normal mentions.',
    );
  const platform = e.platforms[0];
  if (platform && e.mentions > 0)
    parts.push(`Mostly on ${platform.platform} (${pct(platform.count / e.mentions)}).`);
  const loud = e.authors.filter((a) => a.count >= 2).slice(0, 3);
  if (loud.length > 0) parts.push(`Top authors: ${loud.map((a) => `@${a.handle} (${a.count})`).join(', ')}.`);
  return parts.join(' ');
}
