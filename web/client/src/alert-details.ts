// Turns an alert's stored explanation (`details`, jsonb written by the detector and by later
// explainers) into lines a person can read. Known figures get words; anything else is shown
// generically — lists of phrases with counts, examples, nested figures — so what other parts of
// Earshot add to `details` appears without a change here. Everything is returned as plain
// strings: the page renders them as text, never as HTML.

export interface Figure {
  label: string;
  value: string;
}

export interface DetailList {
  label: string;
  items: string[];
}

const KNOWN: Record<string, string> = {
  observed: 'Observed',
  expected: 'Normal',
  factor: 'Factor',
  windowMinutes: 'Window',
  baseline: 'Baseline',
  surprise: 'Surprise',
  falseAlarmFactor: 'Stricter (false alarms)',
};
const HIDDEN = new Set(['rule', 'judgedAt', 'metric', 'message', 'explanation']);

function words(key: string): string {
  const spaced = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function knownValue(key: string, value: unknown): string {
  if (key === 'factor' || key === 'falseAlarmFactor') return `${String(value)}×`;
  if (key === 'windowMinutes') return `${String(value)} min`;
  if (key === 'surprise') return `1 in 10^${String(value)}`;
  if (key === 'baseline')
    return value === 'weekly' ? 'this hour of the week' : value === 'daily' ? 'this hour of recent days' : value === 'recent' ? 'recent hours' : String(value);
  return scalar(value);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en') : String(Math.round(value * 100) / 100);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One item of a list: a phrase with its count, an example mention, or its fields joined. */
function item(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  const entries = Object.entries(value as Record<string, unknown>);
  const text = entries.find(([k, v]) => typeof v === 'string' && /^(phrase|term|text|name|author|handle|platform|label|title)$/i.test(k));
  const count = entries.find(([k, v]) => typeof v === 'number' && /^(count|n|mentions|value)$/i.test(k));
  if (text && entries.length <= 3 && count) return `${text[1] as string} (${scalar(count[1])})`;
  return entries
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => (k === text?.[0] ? String(v) : `${words(k)}: ${scalar(v)}`))
    .join(' · ');
}

/** The explanation's figures and lists, in reading order. */
export function describeDetails(details: Record<string, unknown> | null): { figures: Figure[]; lists: DetailList[] } {
  const figures: Figure[] = [];
  const lists: DetailList[] = [];
  if (details === null) return { figures, lists };
  for (const key of Object.keys(KNOWN)) if (details[key] !== undefined && details[key] !== null) figures.push({ label: KNOWN[key]!, value: knownValue(key, details[key]) });
  for (const [key, value] of Object.entries(details)) {
    if (key in KNOWN || HIDDEN.has(key) || value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) lists.push({ label: words(key), items: value.slice(0, 20).map(item) });
    } else if (typeof value === 'object') {
      const inner = Object.entries(value as Record<string, unknown>);
      lists.push({ label: words(key), items: inner.map(([k, v]) => `${words(k)}: ${typeof v === 'object' && v !== null ? item(v) : scalar(v)}`) });
    } else figures.push({ label: words(key), value: scalar(value) });
  }
  return { figures, lists };
}

/** Hours of the week as people say them: "Mon 13:00". 0 = Sunday 00:00 UTC. */
export function hourOfWeekLabel(hour: number): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[Math.floor(hour / 24)] ?? '?'} ${String(hour % 24).padStart(2, '0')}:00 UTC`;
}
