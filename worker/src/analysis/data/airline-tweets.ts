import type { Sentiment } from '@earshot/db';
import { parseCsv } from './csv.ts';

/** One row of the "Twitter US Airline Sentiment" data set. */
export interface LabelledTweet {
  id: string;
  sentiment: Sentiment;
  /** Raters' reason for a negative label ("Late Flight", "Lost Luggage", …), else null. */
  reason: string | null;
  airline: string;
  text: string;
}

export const AIRLINE_TWEETS_ATTRIBUTION =
  'Twitter US Airline Sentiment, Figure Eight / Crowdflower "Data for Everyone", CC BY-NC-SA 4.0';

const COLUMNS = ['tweet_id', 'airline_sentiment', 'negativereason', 'airline', 'text'] as const;
const SENTIMENTS: ReadonlySet<string> = new Set(['negative', 'neutral', 'positive']);

/**
 * Undoes a find-and-replace the data set's publisher ran over the tweets: every "late"
 * became "Late Flight" and every "cancel" became "Cancelled Flight" ("Cancelled Flightled"
 * was "cancelled", "Late Flightr" was "later"). Real posts never read like that, so
 * training and evaluating on the damaged text would teach and reward an artefact.
 */
export function repairAirlineText(text: string): string {
  if (text.indexOf(' Flight') < 0) return text;
  return text.replace(/Cancelled Flight/g, 'cancel').replace(/Late Flight/g, 'late');
}

/**
 * Reads the data set's CSV (columns tweet_id, airline_sentiment, negativereason, airline,
 * text, …) into labelled tweets, repairing the text with {@link repairAirlineText}.
 *
 * @throws Error if a column is missing or a row has an unknown label.
 */
export function parseAirlineTweets(csv: string): LabelledTweet[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error('Airline tweets CSV is empty.');
  const at = COLUMNS.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`Airline tweets CSV has no "${name}" column (found: ${header.join(', ')}).`);
    return i;
  });
  const [idAt, sentimentAt, reasonAt, airlineAt, textAt] = at as [number, number, number, number, number];
  return rows.map((row, n) => {
    const sentiment = row[sentimentAt] ?? '';
    if (!SENTIMENTS.has(sentiment)) {
      throw new Error(`Airline tweets CSV record ${n + 1}: unknown sentiment "${sentiment}" (expected negative, neutral or positive).`);
    }
    const reason = row[reasonAt] ?? '';
    return {
      id: row[idAt] ?? '',
      sentiment: sentiment as Sentiment,
      reason: reason === '' ? null : reason,
      airline: row[airlineAt] ?? '',
      text: repairAirlineText(row[textAt] ?? ''),
    };
  });
}
