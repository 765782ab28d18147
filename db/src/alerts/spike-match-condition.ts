import { sql } from 'kysely';
import type { Intent, Sentiment } from '../schema.ts';

/** Which mentions a spike rule's metric counts: negative ones, complaints, or all. */
export interface SpikeMentionMatch {
  sentiment?: Sentiment;
  intent?: Intent;
}

/** The SQL condition for a spike metric over `mentions` (unaliased). */
export function spikeMatchCondition(match: SpikeMentionMatch) {
  const parts = [sql`true`];
  if (match.sentiment !== undefined) parts.push(sql`sentiment = ${match.sentiment}`);
  if (match.intent !== undefined) parts.push(sql`intent = ${match.intent}`);
  return sql.join(parts, sql` and `);
}
