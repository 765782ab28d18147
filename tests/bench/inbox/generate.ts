// Fills a database of its own with `rows` mentions over 100 brands and a year, through COPY:
// the shape of a busy install, for the inbox benchmark and for timing `earshot prune`.
//
// Realistic where the inbox and retention care: brand sizes follow a Zipf law (the biggest
// brand has ~19 % of the mentions, the smallest ~0.2 %); intents, sentiments, topics and
// priorities in the mixes a support inbox sees; deadlines from each priority's target; almost
// everything older than three days answered (one sent reply each, from one of 25 agents, 15 %
// of them late) or closed, and most of the last days still open; open mentions half assigned
// (an answered one to whoever answered it); one in ten tagged (a fifth of those twice) from
// 20 tags of Zipf-like frequency, from "refund" on ~7 % of mentions to "legal" on ~1 in 4,000;
// authors drawn from a pool a fifth the size of the table with a heavy head; text from a word
// model (word-model.ts).
// Rows are pseudo-random from a fixed seed, so two runs with the same ROWS build the same data.
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDb, migrateToLatest } from '@earshot/db';
import { mentionText, replyText, type Pick } from './word-model.ts';

export const BRANDS = 100;
const AGENTS = 25;
const PLATFORMS = ['x', 'reddit', 'bluesky'] as const;
const TARGET_MINUTES = [0, 30, 120, 480, 1440];
const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-7-shaped UUID: time first, so rows inserted in time order append to the primary key. */
function uuid7(ms: number, seq: number): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const s = seq.toString(16).padStart(18, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6, 18)}`;
}

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function pickCumulative(cum: number[], u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** COPY text format: backslash, tab and newlines escaped; null is \N. */
function field(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const MENTION_COLUMNS = [
  'id', 'brand_id', 'stream_id', 'platform', 'external_id', 'url', 'text', 'lang', 'author_external_id', 'author_handle',
  'author_name', 'author_followers', 'author_verified', 'posted_at', 'collected_at', 'sentiment', 'sentiment_score',
  'confidence', 'intent', 'topic', 'is_spam', 'priority', 'priority_reason', 'sla_due_at', 'status', 'answered_at',
  'first_response_at', 'first_responder_id', 'assignee_id',
];
const REPLY_COLUMNS = ['id', 'mention_id', 'user_id', 'text', 'idempotency_key', 'state', 'attempts', 'external_id', 'url', 'created_at', 'updated_at', 'sent_at'];
const MENTION_TAG_COLUMNS = ['mention_id', 'tag_id', 'tagged_by', 'tagged_at'];
/** Tags, most used first: "refund" on ~7 % of all mentions, "legal" on ~1 in 4,000. */
export const TAG_NAMES = [
  'refund', 'vip', 'outage', 'bug', 'billing-error', 'follow-up', 'press', 'escalated', 'feature-request', 'shipping',
  'churn-risk', 'influencer', 'duplicate', 'translation', 'praise-share', 'accessibility', 'partner', 'security', 'recall', 'legal',
];
const TAG_SHARE = 0.1;
/** Bumped when the generated data changes shape (2: assignees and tags), so an older database is rebuilt. */
export const GENERATOR_SHAPE = 2;

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ne', 'to', 'su', 'vi', 'da', 'ze', 'po', 'li', 'an', 'jo', 'el', 'be'];
const TOPICS = cumulative([30, 22, 18, 12, 10, 8]);
const TOPIC_NAMES = ['delivery', 'billing', 'app', 'account', 'product', 'store'];

export interface GeneratedDatabase {
  url: string;
  brandIds: string[];
  agentIds: string[];
  /** Tag name → id. */
  tagIds: Map<string, string>;
  /** The instant the year of data ends at (the newest mention is just before it). */
  end: Date;
}

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops and recreates database `name`, migrates it, and fills it. Progress lines go to `log`. */
export async function generateInboxDatabase(opts: { baseUrl: string; name: string; rows: number; end: Date; log: (line: string) => void }): Promise<GeneratedDatabase> {
  const { rows, log } = opts;
  const admin = new pg.Client({ connectionString: opts.baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${opts.name}" with (force)`);
  await admin.query(`create database "${opts.name}"`);
  await admin.end();
  const url = databaseUrl(opts.baseUrl, opts.name);
  const db = createDb({ url, max: 2, applicationName: 'earshot-bench-inbox-generate' });
  await migrateToLatest(db);
  const agentIds = (
    await db
      .insertInto('users')
      .values(Array.from({ length: AGENTS }, (_, i) => ({ name: `Agent ${i + 1}`, email: `agent${i + 1}@bench.test`, password_hash: 'x', role: 'agent' as const })))
      .returning('id')
      .execute()
  ).map((r) => r.id);
  const brands = await db
    .insertInto('brands')
    .values(Array.from({ length: BRANDS }, (_, i) => ({ name: `Brand ${String(i + 1).padStart(3, '0')}` })))
    .returning(['id', 'name'])
    .execute();
  const streams = new Map<string, string>();
  for (const s of await db
    .insertInto('streams')
    .values(brands.flatMap((b) => PLATFORMS.map((p) => ({ brand_id: b.id, platform: p, name: `${b.name} on ${p}`, query: JSON.stringify({ keywords: [b.name] }), enabled: false }))))
    .returning(['id', 'brand_id', 'platform'])
    .execute())
    streams.set(`${s.brand_id}/${s.platform}`, s.id);
  const tagIds = new Map(
    (await db.insertInto('tags').values(TAG_NAMES.map((name) => ({ name }))).returning(['id', 'name']).execute()).map((t) => [t.name, t.id]),
  );
  const tagList = TAG_NAMES.map((n) => tagIds.get(n)!);

  // Secondary indexes are built once after the load: far faster than keeping them up row by row.
  const dropped: string[] = [];
  const client = new pg.Client({ connectionString: url, application_name: 'earshot-bench-inbox-generate' });
  const replyClient = new pg.Client({ connectionString: url, application_name: 'earshot-bench-inbox-generate' });
  const tagClient = new pg.Client({ connectionString: url, application_name: 'earshot-bench-inbox-generate' });
  await client.connect();
  await replyClient.connect();
  await tagClient.connect();
  try {
    for (const table of ['mentions', 'replies', 'mention_tags']) {
      const { rows: idx } = await client.query<{ name: string; def: string }>(
        `select indexname as name, indexdef as def from pg_indexes
         where schemaname = current_schema() and tablename = $1
           and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
        [table],
      );
      for (const i of idx) {
        await client.query(`drop index "${i.name}"`);
        dropped.push(i.def);
      }
    }
    // Replica mode skips foreign-key and user triggers for this load only: the rows are
    // consistent by construction, and first_response_at is written directly.
    for (const c of [client, replyClient, tagClient]) await c.query(`set session_replication_role = replica; set synchronous_commit = off`);

    const t0 = performance.now();
    const mentionsCopy = client.query(copyFrom(`copy mentions (${MENTION_COLUMNS.join(', ')}) from stdin`));
    const repliesCopy = replyClient.query(copyFrom(`copy replies (${REPLY_COLUMNS.join(', ')}) from stdin`));
    const tagsCopy = tagClient.query(copyFrom(`copy mention_tags (${MENTION_TAG_COLUMNS.join(', ')}) from stdin`));
    // 1/(k+1)^1.9 over 20 tags: "refund" ~60 % of tagged mentions, "legal" ~0.2 %.
    const tagCum = cumulative(TAG_NAMES.map((_, k) => 1 / Math.pow(k + 1, 1.9)));
    const brandCum = cumulative(Array.from({ length: BRANDS }, (_, k) => 1 / Math.pow(k + 1, 1.1)));
    const agentCum = cumulative(Array.from({ length: AGENTS }, (_, k) => 1 / (k + 1)));
    const r = rng(12);
    const pick: Pick = (n) => Math.floor(r() * n);
    const end = opts.end.getTime();
    const start = end - 365 * DAY;
    const span = end - start;
    const authorPool = Math.max(1000, Math.floor(rows / 5));
    let answered = 0;
    let tagged = 0;
    let mBuf: string[] = [];
    let rBuf: string[] = [];
    let tBuf: string[] = [];
    const flush = async (force: boolean) => {
      const waits: Promise<unknown>[] = [];
      if (mBuf.length >= 2000 || (force && mBuf.length > 0)) {
        if (!mentionsCopy.write(mBuf.join(''))) waits.push(once(mentionsCopy, 'drain'));
        mBuf = [];
      }
      if (rBuf.length >= 2000 || (force && rBuf.length > 0)) {
        if (!repliesCopy.write(rBuf.join(''))) waits.push(once(repliesCopy, 'drain'));
        rBuf = [];
      }
      if (tBuf.length >= 2000 || (force && tBuf.length > 0)) {
        if (!tagsCopy.write(tBuf.join(''))) waits.push(once(tagsCopy, 'drain'));
        tBuf = [];
      }
      await Promise.all(waits);
    };
    for (let i = 0; i < rows; i++) {
      const posted = start + (span * (i + r())) / rows;
      const brand = brands[pickCumulative(brandCum, r())]!;
      const pu = r();
      const platform = pu < 0.55 ? 'x' : pu < 0.8 ? 'reddit' : 'bluesky';
      const iu = r();
      const intent = iu < 0.32 ? 'complaint' : iu < 0.54 ? 'question' : iu < 0.68 ? 'praise' : iu < 0.95 ? 'other' : 'spam';
      const su = r();
      const sentiment =
        intent === 'complaint' ? (su < 0.85 ? 'negative' : 'neutral')
        : intent === 'question' ? (su < 0.7 ? 'neutral' : su < 0.95 ? 'negative' : 'positive')
        : intent === 'praise' ? (su < 0.9 ? 'positive' : 'neutral')
        : intent === 'other' ? (su < 0.6 ? 'neutral' : su < 0.85 ? 'positive' : 'negative')
        : su < 0.8 ? 'neutral' : 'positive';
      const score = sentiment === 'negative' ? -0.2 - r() * 0.75 : sentiment === 'positive' ? 0.2 + r() * 0.75 : r() * 0.3 - 0.15;
      const topic = intent === 'complaint' ? TOPIC_NAMES[pickCumulative(TOPICS, r())]! : null;
      const qu = r();
      const priority =
        intent === 'complaint' ? (qu < 0.15 ? 1 : qu < 0.6 ? 2 : 3)
        : intent === 'question' ? (qu < 0.2 ? 2 : qu < 0.8 ? 3 : 4)
        : intent === 'other' ? (qu < 0.2 ? 3 : 4)
        : 4;
      const reason = priority === 1 ? 'complaint with urgency cues' : priority === 2 ? `${intent}, ${sentiment}` : priority === 3 ? `${intent}, routine` : 'no response needed soon';
      const due = posted + TARGET_MINUTES[priority]! * 60_000;
      const authorIdx = Math.floor(authorPool * Math.pow(r(), 2.5));
      const handle = `${SYLLABLES[authorIdx % 16]}${SYLLABLES[(authorIdx >> 4) % 16]}${SYLLABLES[(authorIdx >> 8) % 16]}_${authorIdx}`;
      const followers = Math.floor(Math.exp(5 + 2 * (r() + r() + r() - 1.5)));
      const age = end - posted;
      const openShare = intent === 'spam' ? 0.1 : age < 3 * DAY ? 0.85 - 0.8 * (age / (3 * DAY)) : 0.015;
      const stu = r();
      let status: 'open' | 'answered' | 'closed' = stu < openShare ? 'open' : intent === 'spam' || stu > 0.8 ? 'closed' : 'answered';
      let firstResponse: number | null = null;
      if (status === 'answered') {
        // 85 % within the deadline, the rest up to three times over it.
        const share = r() < 0.85 ? 0.05 + r() * 0.9 : 1 + r() * 2;
        firstResponse = posted + TARGET_MINUTES[priority]! * 60_000 * share;
        if (firstResponse >= end) {
          status = 'open';
          firstResponse = null;
        }
      }
      const agent = firstResponse === null ? null : agentIds[pickCumulative(agentCum, r())]!;
      // Whoever answered had it; half of what is open has someone on it; a few closed ones too.
      const au = r();
      const assignee = agent ?? ((status === 'open' ? au < 0.5 : au < 0.1) ? agentIds[pickCumulative(agentCum, r())]! : null);
      const id = uuid7(posted, i);
      const externalId = `g${i}`;
      const url = platform === 'x' ? `https://x.com/${handle}/status/${externalId}` : platform === 'reddit' ? `https://reddit.com/comments/${externalId}` : `https://bsky.app/profile/${handle}/post/${externalId}`;
      const text = mentionText(pick, intent, brand.name.replace(' ', '').toLowerCase());
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      mBuf.push(
        [
          id, brand.id, streams.get(`${brand.id}/${platform}`)!, platform, externalId, url, text, r() < 0.9 ? 'en' : 'es',
          `a${authorIdx}`, handle, `Person ${authorIdx}`, followers, r() < 0.005, iso(posted), iso(posted + 5_000 + r() * 60_000),
          sentiment, score.toFixed(3), (0.5 + r() * 0.49).toFixed(3), intent, topic, intent === 'spam', priority, reason,
          iso(due), status, iso(firstResponse), iso(firstResponse), agent, assignee,
        ]
          .map(field)
          .join('\t') + '\n',
      );
      if (firstResponse !== null) {
        answered++;
        rBuf.push(
          [
            uuid7(firstResponse, i), id, agent, replyText(pick), `gen-${i}`, 'sent', 1, `r${i}`, `https://example.test/reply/${i}`,
            iso(firstResponse - 10_000), iso(firstResponse), iso(firstResponse),
          ]
            .map(field)
            .join('\t') + '\n',
        );
      }
      if (r() < TAG_SHARE) {
        const first = pickCumulative(tagCum, r());
        // One in five tagged mentions carries a second, different tag.
        const second = r() < 0.2 ? pickCumulative(tagCum, r()) : first;
        for (const k of second === first ? [first] : [first, second]) {
          tagged++;
          tBuf.push([id, tagList[k]!, assignee, iso(posted + 60_000)].map(field).join('\t') + '\n');
        }
      }
      if (mBuf.length >= 2000 || rBuf.length >= 2000 || tBuf.length >= 2000) await flush(false);
      if (i > 0 && i % 1_000_000 === 0) log(`generate: ${i.toLocaleString('en')} mentions copied (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await flush(true);
    mentionsCopy.end();
    repliesCopy.end();
    tagsCopy.end();
    await Promise.all([once(mentionsCopy, 'finish'), once(repliesCopy, 'finish'), once(tagsCopy, 'finish')]);
    log(`generate: ${rows.toLocaleString('en')} mentions, ${answered.toLocaleString('en')} replies and ${tagged.toLocaleString('en')} tags copied in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const t1 = performance.now();
    // Three builds at once: each is mostly one backend's CPU (sorting), and a shared machine
    // gives three backends more of its time than one.
    const queue = [...dropped];
    await Promise.all(
      [0, 1, 2].map(async () => {
        const builder = new pg.Client({ connectionString: url, application_name: 'earshot-bench-inbox-generate' });
        await builder.connect();
        try {
          await builder.query(`set maintenance_work_mem = '256MB'`);
          for (let def = queue.shift(); def !== undefined; def = queue.shift()) await builder.query(def);
        } finally {
          await builder.end();
        }
      }),
    );
    log(`generate: ${dropped.length} indexes built in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
    const t2 = performance.now();
    // The visibility map lets the index-only scans skip the heap, as on a long-running install.
    await client.query('vacuum (analyze) mentions');
    await client.query('vacuum (analyze) replies');
    await client.query('vacuum (analyze) mention_tags');
    await client.query(`comment on database "${opts.name}" is 'earshot bench inbox rows=${rows} end=${opts.end.toISOString()} shape=${GENERATOR_SHAPE}'`);
    log(`generate: vacuum analyze in ${((performance.now() - t2) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
    await replyClient.end();
    await tagClient.end();
    await db.destroy();
  }
  return { url, brandIds: brands.map((b) => b.id), agentIds, tagIds, end: opts.end };
}
