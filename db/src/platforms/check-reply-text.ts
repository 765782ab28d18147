/**
 * The one place a reply's length is judged against its platform's limit, used by the API
 * before a reply is queued and by the adapters before it is posted.
 */
export type ReplyCheck = { ok: true } | { ok: false; message: string };

const LIMITS: Record<string, { max: number; count: (text: string) => number; name: string }> = {
  demo: { max: 280, count: (t) => [...t].length, name: 'Demo' },
  reddit: { max: 10_000, count: (t) => [...t].length, name: 'Reddit' },
};

export function registerReplyLimit(platform: string, rule: { max: number; count: (text: string) => number; name: string }): void {
  LIMITS[platform] = rule;
}

export function checkReplyText(platform: string, text: string): ReplyCheck {
  if (text.trim().length === 0) return { ok: false, message: 'The reply is empty.' };
  const rule = LIMITS[platform];
  if (!rule) return { ok: true };
  const length = rule.count(text);
  if (length <= rule.max) return { ok: true };
  return { ok: false, message: `${rule.name} replies are limited to ${rule.max} characters; this one counts ${length}. Shorten it by ${length - rule.max}.` };
}
