import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './sign-webhook.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"deliveryId":"d1","type":"notification"}';
  const now = new Date('2026-12-01T10:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('is HMAC-SHA256 of "<t>.<body>" in hex, as the README recipe computes it', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, another secret or an old timestamp', () => {
    const header = signWebhook(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body, { now })).toBe(true);
    expect(verifyWebhookSignature(secret, header, body.replace('d1', 'd2'), { now })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, { now })).toBe(false);
    expect(
      verifyWebhookSignature(secret, header, body, { now: new Date(now.getTime() + 301_000) }),
    ).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, `t=${t},v1=abc`, body, { now })).toBe(false);
  });
});
