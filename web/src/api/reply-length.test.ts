import { describe, expect, it } from 'vitest';
import { measureReply, replyLength, tooLongMessage, xLength, xLinks } from './reply-length.ts';

describe('measureReply counts the platform’s way', () => {
  it('X: a link is 23 however long, CJK and emoji 2, accents composed first', () => {
    expect(xLength('Thanks for reaching out!')).toBe(24);
    expect(xLength(`See https://help.acme.example.com/${'a'.repeat(200)}`)).toBe(4 + 23);
    expect(xLength('Go to acme.com/help now')).toBe(6 + 23 + 4);
    expect(xLength('Visit https://acme.com.')).toBe(6 + 23 + 1);
    expect(xLength('Mail care@acme.com')).toBe(18);
    expect(xLength('日本語')).toBe(6);
    expect(xLength('👨‍👩‍👧 🇫🇷')).toBe(5);
    expect(xLength('Cafe\u0301')).toBe(4);
    expect(xLength('“quoted”')).toBe(8);
    expect(xLinks('see acme.com/help, and https://x.co/a.')).toEqual(['acme.com/help', 'https://x.co/a']);
  });

  it('graphemes (Bluesky): an emoji family is one; code points (Reddit, demo): each code point', () => {
    expect(measureReply('👨‍👩‍👧 ok', 'graphemes')).toBe(4);
    expect(measureReply('👨‍👩‍👧 ok', 'code-points')).toBe(8);
    expect(measureReply('好好', 'graphemes')).toBe(2);
  });

  it('says what to cut: a 10,000-character reply is far over on X, and the message says how X counts', () => {
    const l = replyLength('x'.repeat(10_000), { counting: 'x-weighted', limit: 280 });
    expect(l).toEqual({ length: 10_000, limit: 280, over: 9_720 });
    expect(tooLongMessage('X', l, 'x-weighted')).toBe(
      'X counts this reply as 10000 characters and allows 280: shorten it by 9720. (X counts each link as 23, and emoji and characters such as Chinese, Japanese or Korean as 2.)',
    );
    expect(replyLength('好'.repeat(140), { counting: 'x-weighted', limit: 280 }).over).toBe(0);
    expect(replyLength('好'.repeat(141), { counting: 'x-weighted', limit: 280 }).over).toBe(2);
  });
});
