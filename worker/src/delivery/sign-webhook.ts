import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Earshot-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * keyed with the channel's signing secret (the whole string, `whsec_` included). Signing the
 * timestamp with the body lets receivers refuse replays older than a few minutes.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * The receiver's side, as the README's recipe: true when `header` carries a v1 signature of
 * `body` by `secret` made within `toleranceSeconds` of `now`. Compare in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  return parts
    .filter(([k, v]) => k === 'v1' && v !== undefined)
    .some(([, v]) => {
      const given = Buffer.from(v!);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
