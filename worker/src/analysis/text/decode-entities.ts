const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi;

function replaceEntity(match: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED[body.toLowerCase()] ?? match;
}

/**
 * Undoes the HTML escaping that tweet APIs and exports leave in text (`&amp;`, `&lt;3`).
 * Unknown entities are kept as written.
 */
export function decodeHtmlEntities(text: string): string {
  // Most texts hold no entity: skip the regex engine for them.
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, replaceEntity);
}
