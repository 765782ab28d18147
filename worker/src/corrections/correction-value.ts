import type { CorrectionField, Intent, Priority, Sentiment } from '@earshot/db';

const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];
const INTENTS: readonly Intent[] = ['complaint', 'question', 'praise', 'other', 'spam'];

export type CorrectionValue =
  | { field: 'sentiment'; value: Sentiment }
  | { field: 'intent'; value: Intent }
  | { field: 'priority'; value: Priority };

/**
 * Reads an agent's value for a field, or says what is allowed. Priority may be given as 1…4,
 * "1"…"4" or "P1"…"P4" (the CLI and the API both send it).
 */
export function parseCorrectionValue(
  field: CorrectionField,
  value: string | number,
): { ok: true; correction: CorrectionValue } | { ok: false; message: string } {
  const raw = typeof value === 'string' ? value.trim() : value;
  switch (field) {
    case 'sentiment':
      return typeof raw === 'string' && (SENTIMENTS as readonly string[]).includes(raw.toLowerCase())
        ? { ok: true, correction: { field, value: raw.toLowerCase() as Sentiment } }
        : { ok: false, message: `${JSON.stringify(value)} is not a sentiment; use one of ${SENTIMENTS.join(', ')}.` };
    case 'intent':
      return typeof raw === 'string' && (INTENTS as readonly string[]).includes(raw.toLowerCase())
        ? { ok: true, correction: { field, value: raw.toLowerCase() as Intent } }
        : { ok: false, message: `${JSON.stringify(value)} is not an intent; use one of ${INTENTS.join(', ')}.` };
    case 'priority': {
      const n = typeof raw === 'number' ? raw : /^[pP]?[1-4]$/.test(raw) ? Number(raw.replace(/^[pP]/, '')) : NaN;
      return Number.isInteger(n) && n >= 1 && n <= 4
        ? { ok: true, correction: { field, value: n as Priority } }
        : { ok: false, message: `${JSON.stringify(value)} is not a priority; use 1 (most urgent) to 4.` };
    }
    default:
      return { ok: false, message: `"${String(field)}" cannot be corrected; use sentiment, intent or priority.` };
  }
}
