import { describe, expect, it } from 'vitest';
import { checkXReply, xWeightedLength } from './x-text.ts';

describe('xWeightedLength counts as X does', () => {
  it('counts Latin text one per character', () => {
    expect(xWeightedLength('Thanks for reaching out!')).toBe(24);
    expect(xWeightedLength('Café crème, naïve façade')).toBe(24);
  });

  it('normalizes first: a decomposed accent is one character', () => {
    expect(xWeightedLength('Cafe\u0301')).toBe(4);
  });

  it('counts every link as 23, however long', () => {
    const long = 'https://help.acme-air.example.com/baggage/claims/lost-and-delayed?ref=twitter&case=123456';
    expect(xWeightedLength(`See ${long}`)).toBe(4 + 23);
    expect(xWeightedLength('See http://a.co')).toBe(4 + 23);
    expect(xWeightedLength('Go to acme.com/help now')).toBe(6 + 23 + 4);
  });

  it('leaves sentence punctuation after a link outside it', () => {
    expect(xWeightedLength('Visit https://acme.com.')).toBe(6 + 23 + 1);
    expect(xWeightedLength('(see www.acme.com)')).toBe(5 + 23 + 1);
  });

  it('does not take e-mail addresses or handles for links', () => {
    expect(xWeightedLength('Mail care@acme.com')).toBe(18);
    expect(xWeightedLength('e.g. Node.js')).toBe(12);
  });

  it('counts CJK characters as 2', () => {
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('안녕하세요')).toBe(10);
    expect(xWeightedLength('ok 好')).toBe(5);
  });

  it('counts an emoji as 2, whatever it is made of', () => {
    expect(xWeightedLength('👍')).toBe(2);
    expect(xWeightedLength('👍🏽')).toBe(2);
    expect(xWeightedLength('👨‍👩‍👧')).toBe(2);
    expect(xWeightedLength('🇫🇷')).toBe(2);
    expect(xWeightedLength('❤️')).toBe(2);
    expect(xWeightedLength('thanks 🙏🙏')).toBe(7 + 4);
  });

  it('weighs general punctuation outside the light ranges as 2', () => {
    expect(xWeightedLength('“quoted”')).toBe(8);
    expect(xWeightedLength('wait…')).toBe(6);
  });
});

describe('checkXReply', () => {
  it('accepts exactly 280 and refuses 281 with the count and what to do', () => {
    expect(checkXReply('a'.repeat(280))).toEqual({ ok: true });
    const refused = checkXReply('a'.repeat(281));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain('281');
      expect(refused.message).toContain('shorten it by 1');
    }
  });

  it('applies the weights: 140 CJK characters fit, 141 do not', () => {
    expect(checkXReply('好'.repeat(140))).toEqual({ ok: true });
    expect(checkXReply('好'.repeat(141)).ok).toBe(false);
  });

  it('lets a long link through as 23', () => {
    const text = `${'a'.repeat(256)} https://example.com/${'x'.repeat(200)}`;
    expect(text.length).toBeGreaterThan(400);
    expect(checkXReply(text)).toEqual({ ok: true });
  });

  it('refuses an empty reply', () => {
    expect(checkXReply('   ').ok).toBe(false);
  });
});
