import { describe, expect, it } from 'vitest';
import { blueskyDefinition, checkBlueskyReply, checkRedditReply, demoDefinition, xWeightedLength } from '@earshot/collectors';
import { measureReply, replyLength } from '../../web/src/api/reply-length.ts';

// The dashboard's counter and the server count with web/src/api/reply-length.ts; the collectors
// check again before posting with their own rules. The two must agree, or the counter says "fits"
// for a reply the platform adapter refuses (or the other way round).

const X_MAX_POST_LENGTH = 280;
const checkDemoReply = (text: string) => demoDefinition().checkReply(text);

const CORPUS = [
  'Thanks for reaching out!',
  'Café crème, naïve façade',
  'Cafe\u0301',
  `See https://help.acme-air.example.com/baggage/claims/lost-and-delayed?ref=twitter&case=123456 now`,
  'Go to acme.com/help now, or www.acme.io.',
  'Mail care@acme.com or see e.g. Node.js',
  '日本語のテキスト 안녕하세요 好',
  '👍👍🏽👨‍👩‍👧🇫🇷❤️ thanks 🙏🙏',
  '“quoted” wait… – dash',
  '© ® ™ ½',
  'x'.repeat(281),
  '好'.repeat(141),
  `${'🙂'.repeat(150)} end`,
];

describe('one count: the web counter agrees with each platform adapter', () => {
  it.each(CORPUS.map((t) => [t.slice(0, 40), t]))('X: %s', (_label, text) => {
    expect(measureReply(text, 'x-weighted')).toBe(xWeightedLength(text));
    // Fits for one exactly when it fits for the other.
    const fits = replyLength(text, { counting: 'x-weighted', limit: X_MAX_POST_LENGTH }).over === 0;
    expect(fits).toBe(xWeightedLength(text) <= X_MAX_POST_LENGTH);
  });

  it.each(CORPUS.map((t) => [t.slice(0, 40), t]))('code points (Reddit, demo) and graphemes (Bluesky): %s', (_label, text) => {
    expect(replyLength(text, { counting: 'code-points', limit: 280 }).over === 0).toBe(checkDemoReply(text).ok);
    const reddit = `${text}${'y'.repeat(10_000 - [...text].length)}`;
    expect(replyLength(reddit, { counting: 'code-points', limit: 10_000 }).over === 0).toBe(checkRedditReply(reddit).ok);
    expect(replyLength(`${reddit}z`, { counting: 'code-points', limit: 10_000 }).over === 0).toBe(checkRedditReply(`${reddit}z`).ok);
    const limit = blueskyDefinition().replyLimit;
    expect(replyLength(text, { counting: 'graphemes', limit }).over === 0).toBe(checkBlueskyReply(text).ok);
  });
});
