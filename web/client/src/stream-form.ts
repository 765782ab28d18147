// Parsing for the stream forms: what a person typed → the API's values, or a message
// saying what to fix. The server validates again; this only saves a round trip.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MIN_POLL_SECONDS = 5;
const MAX_POLL_SECONDS = 86_400;
const MAX_BUDGET = 100_000_000;

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Seconds between polls → milliseconds; blank means "leave as it is / the default". */
export function parsePollSeconds(text: string): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const n = wholeNumber(text);
  if (n === null || n < MIN_POLL_SECONDS || n > MAX_POLL_SECONDS) {
    return { ok: false, message: `Poll every ${String(MIN_POLL_SECONDS)} to ${String(MAX_POLL_SECONDS)} seconds (whole seconds).` };
  }
  return { ok: true, value: n * 1000 };
}

/** Reads per month; blank means no limit (null). */
export function parseBudget(text: string): Parsed<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const n = wholeNumber(text);
  if (n === null || n > MAX_BUDGET) {
    return { ok: false, message: 'The monthly read budget is a whole number of reads, or blank for no limit.' };
  }
  return { ok: true, value: n };
}

/** The query editor's text as JSON. */
export function parseJson(text: string): Parsed<unknown> {
  if (text.trim() === '') return { ok: false, message: 'Write the query as JSON, e.g. start from the example.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}
