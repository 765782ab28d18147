import { describe, expect, it } from 'vitest';
import { classifyText } from './index.ts';

describe('classifyText: sentiment', () => {
  it.each([
    ['plain praise', 'Absolutely amazing service, thank you!', 'positive'],
    ['plain complaint', 'worst experience ever', 'negative'],
    ['a brand it never saw', 'I love this phone, works perfectly', 'positive'],
    ['a domain it never saw', 'The app keeps crashing after the update', 'negative'],
    ['negated praise', "I don't love it", 'negative'],
    ['negated praise, longer', 'I am not happy with the service', 'negative'],
    ['"this is not good"', 'this is not good', 'negative'],
    ['emoji only: angry', '😡', 'negative'],
    ['emoji only: love', '😍😍', 'positive'],
    ['emoji only: thumbs up', '👍', 'positive'],
    ['sarcasm hashtag turns praise words around', 'Great, another delay. #sarcasm', 'negative'],
    ['"thanks for nothing"', 'thanks for nothing', 'negative'],
    ['"yeah right"', "Oh great, my bag is lost. Yeah right, 'best airline'", 'negative'],
    ['a statement of fact', 'Just landed in Boston', 'neutral'],
    ['nothing but a handle', '@united', 'neutral'],
    ['nothing but a link', 'http://t.co/abc', 'neutral'],
    ['empty text', '', 'neutral'],
  ])('%s', (_name, text, sentiment) => {
    expect(classifyText(text).sentiment).toBe(sentiment);
  });

  it.each([
    ['"not bad at all"', 'not bad at all'],
    ['"no problem"', 'no problem, glad to help'],
    ['"can\'t wait"', "can't wait for my trip next week!"],
  ])('negations that are not complaints: %s', (_name, text) => {
    const analysis = classifyText(text);
    expect(analysis.sentiment).not.toBe('negative');
    expect(analysis.score).toBeGreaterThan(0);
  });

  it('keeps score and confidence in range and consistent with the label', () => {
    for (const text of ['great!', 'awful', 'how do I book?', '', '😡😡', 'a'.repeat(5000)]) {
      const a = classifyText(text);
      expect(a.score).toBeGreaterThanOrEqual(-1);
      expect(a.score).toBeLessThanOrEqual(1);
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
      if (a.sentiment === 'positive') expect(a.score).toBeGreaterThan(0);
      if (a.sentiment === 'negative') expect(a.score).toBeLessThan(0);
    }
  });

  it('is deterministic and independent of what it classified before', () => {
    const first = classifyText('@JetBlue my bag was lost and nobody answers the phone');
    classifyText('Absolutely amazing service 😍😍 #love');
    expect(classifyText('@JetBlue my bag was lost and nobody answers the phone')).toEqual(first);
  });
});

describe('classifyText: intent and topic', () => {
  it.each([
    ['a complaint', '@JetBlue my bag was lost and nobody answers the phone', 'complaint', 'baggage'],
    ['a complaint phrased as a question is a complaint', 'why is my flight delayed AGAIN?? 3 hours now', 'complaint', 'delays'],
    ['cancellation', 'They cancelled my flight with no notice', 'complaint', 'cancellation'],
    ['customer service', 'on hold for 2 hours, customer service is useless', 'complaint', 'customer service'],
    ['staff', 'Your staff at the Denver store were so rude', 'complaint', 'staff'],
    ['refund', 'still waiting for my refund, this is ridiculous', 'complaint', 'refund'],
    ['a general topic: delivery', "My order never arrived and support won't answer", 'complaint', 'delivery'],
    ['a general topic: outage', 'My internet has been down since Monday', 'complaint', 'outage'],
    ['no family: the noun phrase', '@coinbase my bitcoin withdrawal has been pending for 3 days, terrible', 'complaint', 'bitcoin'],
    ['a question', 'How do I reset my password?', 'question', null],
    ['a question without "?"', 'is the store open on Sunday', 'question', null],
    ['praise', 'Absolutely amazing service, thank you!', 'praise', null],
    ['other', 'Just landed in Boston', 'other', null],
  ])('%s', (_name, text, intent, topic) => {
    const a = classifyText(text);
    expect(a.intent).toBe(intent);
    expect(a.topic).toBe(topic);
    expect(a.isSpam).toBe(false);
  });

  it.each([
    ['follow-bait with crypto and a link farm', 'Follow me for a FREE crypto giveaway 🚀 click the link http://a.co/x http://b.co/y'],
    ['repeated hashtags', '#win #free #giveaway #free #giveaway'],
    ['follow-back bait', 'Check out my profile, follow back f4f'],
    ['a bare link farm', 'http://a.co/1 http://a.co/2 http://a.co/3'],
    ['mass tagging with a link', '@a @b @c @d @e @f look http://spam.example/x'],
  ])('spam: %s', (_name, text) => {
    const a = classifyText(text);
    expect(a.isSpam).toBe(true);
    expect(a.intent).toBe('spam');
  });

  it.each([
    ['one crypto word from a real customer', '@coinbase my bitcoin withdrawal has been pending for 3 days'],
    ['one link with a real message', '@united this is the third delay this week http://t.co/abc'],
    ['a few hashtags', 'Loved the flight #jetblue #travel'],
  ])('not spam: %s', (_name, text) => {
    expect(classifyText(text).isSpam).toBe(false);
  });
});
