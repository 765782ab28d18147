import { describe, expect, it } from 'vitest';
import { findCardNumber, findEmailAddress, findPersonalData, findPhoneNumber, isHostile } from './reply-checks.ts';

describe('pre-send checks for a public reply', () => {
  it.each([
    ['Call us on +1 415 555 0100', '+1 415 555 0100'],
    ['Ring (415) 555-0100 any time', '(415) 555-0100'],
    ['our line: 0171 123 4567.', '0171 123 4567'],
    ['WhatsApp +4915112345678', '+4915112345678'],
  ])('finds the phone number in %j', (text, found) => {
    expect(findPhoneNumber(text)).toBe(found);
  });

  it.each([
    'Your booking 1764561234567 is confirmed',
    'Flight 212 leaves at 10:30 on 2026-12-01',
    'order REF-1234, 3 bags',
    'on 12.01.2026 we refunded 49.99',
  ])('finds no phone number in %j', (text) => {
    expect(findPhoneNumber(text)).toBeNull();
  });

  it('finds card numbers that pass Luhn and start as cards do, and not timestamps', () => {
    expect(findCardNumber('card 4111 1111 1111 1111 ok')).toBe('4111 1111 1111 1111');
    expect(findCardNumber('amex 3782-822463-10005')).toBe('3782-822463-10005');
    expect(findCardNumber('card 4111 1111 1111 1112')).toBeNull();
    // Luhn-valid, but a millisecond timestamp, not a card.
    expect(findCardNumber('ref 1764561234566')).toBeNull();
  });

  it('finds e-mail addresses, and names each finding once (a card is not also a phone)', () => {
    expect(findEmailAddress('write to anna.b+help@acme.co.uk please')).toBe('anna.b+help@acme.co.uk');
    expect(findEmailAddress('@acme on X')).toBeNull();
    expect(findPersonalData('card 4111 1111 1111 1111').map((f) => f.check)).toEqual(['card']);
    expect(findPersonalData('mail me@x.io or call +1 415 555 0100').map((f) => f.check)).toEqual(['email', 'phone']);
    expect(findPersonalData('Sorry about that, DM us your booking reference.')).toEqual([]);
  });

  it('calls a reply hostile only when the model is very negative and sure', () => {
    expect(isHostile({ sentiment: 'negative', score: -1, confidence: 1 })).toBe(true);
    // "So sorry, Mia. Call our bag desk on …" scores −0.97 / 0.978: an apology, not hostility.
    expect(isHostile({ sentiment: 'negative', score: -0.97, confidence: 0.978 })).toBe(false);
    // The model reads apologies as negative ("Sorry about the delay" scores about −0.76): not hostile.
    expect(isHostile({ sentiment: 'negative', score: -0.76, confidence: 0.78 })).toBe(false);
    expect(isHostile({ sentiment: 'neutral', score: -0.95, confidence: 0.95 })).toBe(false);
  });
});
