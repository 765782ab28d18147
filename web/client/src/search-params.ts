// How every screen's search parameters are read from and written to the address bar. The
// router's own default writes values as JSON ("?priority=%222%22"); these stay plain
// "key=value" pairs, so bookmarks, shared views, saved views (stored as search strings) and the
// links in emails and webhooks (worker/src) keep the format they have always had.

/** "?a=1&b=x" → { a: '1', b: 'x' }: strings only; a repeated key keeps its first value. */
export function parseSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) if (!(key in out)) out[key] = value;
  return out;
}

/**
 * { a: '1', b: undefined } → "?a=1" (or "" when nothing is left), keys in the object's order,
 * so equal views have equal addresses. Non-string values (none of our schemas make any) are
 * written with String().
 */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null) continue;
    params.set(key, typeof value === 'string' ? value : String(value as number | boolean));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
