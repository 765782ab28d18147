import { sql } from 'kysely';
import type { Database } from '../client.ts';

// Slices a sample is drawn from: enough to spread it over every day and hour of a week.
const SLICES = 168;

/**
 * Texts of the brand's negative mentions in [start, end), for the report's rising phrases: all
 * of them when `expected` (their number, known from the counts) is at most `limit`, else those
 * posted in `SLICES` evenly spaced time slices that together cover `limit / expected` of the
 * period — about `limit` texts, the same ones every time, and read through
 * `mentions_brand_posted_idx` ranges instead of every row of the period. The caller scales
 * counts by `expected / texts.length`.
 */
export async function listNegativeTexts(
  db: Database,
  q: { brandId: string; start: Date; end: Date; expected: number; limit: number },
): Promise<string[]> {
  if (q.expected === 0) return [];
  const share = Math.min(1, q.limit / q.expected);
  const span = q.end.getTime() - q.start.getTime();
  const slices = share >= 1 ? 1 : SLICES;
  const starts: Date[] = [];
  const ends: Date[] = [];
  for (let i = 0; i < slices; i++) {
    const from = q.start.getTime() + (span * i) / slices;
    starts.push(new Date(from));
    ends.push(new Date(Math.min(q.end.getTime(), from + (span * share) / slices)));
  }
  const result = await sql<{ text: string }>`
    select m.text
    from unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) as s(from_at, to_at)
    cross join lateral (
      select text from mentions
      where brand_id = ${q.brandId} and posted_at >= s.from_at and posted_at < s.to_at and sentiment = 'negative'
    ) m
  `.execute(db);
  return result.rows.map((r) => r.text);
}
