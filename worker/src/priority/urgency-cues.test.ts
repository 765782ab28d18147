import { describe, expect, it } from 'vitest';
import { findUrgencyCues, normalizeForCues } from './urgency-cues.ts';

const cases: { text: string; cues: string[] }[] = [
  // Each kind, as written.
  { text: 'Stranded at JFK', cues: ['stranded:stranded'] },
  { text: 'stuck at the airport overnight', cues: ['stranded:stuck at the airport'] },
  { text: 'we MISSED OUR CONNECTION', cues: ['stranded:missed our connection'] },
  { text: 'this is urgent', cues: ['urgency:urgent'] },
  { text: 'please reply A.S.A.P', cues: ['urgency:a.s.a.p'] },
  { text: 'need it as soon as possible', cues: ['urgency:as soon as possible'] },
  { text: '#urgent', cues: ['urgency:urgent'] },
  { text: 'still waiting for my bag', cues: ['waiting:still waiting'] },
  { text: 'I’ve been on hold for 45 minutes', cues: ['waiting:on hold'] },
  { text: 'three days now and nothing', cues: ['waiting:three days now'] },
  { text: 'no response to my email', cues: ['waiting:no response'] },
  { text: 'for the third time today', cues: ['repeat:third time'] },
  { text: 'I have emailed support 4 times', cues: ['repeat:emailed support 4 times'] },
  { text: 'my luggage never arrived', cues: ['loss:luggage never arrived'] },
  { text: 'they damaged my wheelchair', cues: ['loss:damaged my wheelchair'] },
  { text: 'I was charged twice', cues: ['money:charged twice'] },
  { text: 'give me my money back', cues: ['money:money back'] },
  { text: 'flight canceled again', cues: ['outage:canceled'] },
  { text: 'the app is down', cues: ['outage:app is down'] },
  { text: "can't log in since the update", cues: ["outage:can't log in"] },
  { text: 'there is smoke in the cabin', cues: ['safety:smoke in the cabin'] },
  { text: 'no rush, just curious', cues: ['calm:no rush', 'calm:just curious'] },
  // Negation.
  { text: 'not urgent', cues: ['calm:not urgent'] },
  { text: 'it is not really urgent', cues: ['calm:not really urgent'] },
  { text: "isn't an emergency", cues: ["calm:isn't an emergency"] },
  { text: 'no longer urgent, sorted', cues: ['calm:no longer urgent'] },
  { text: 'we were not stranded', cues: [] },
  { text: "my flight wasn't cancelled", cues: [] },
  { text: 'we were not told the flight was cancelled', cues: ['outage:cancelled'] },
  { text: 'not sure why, but this is urgent', cues: ['urgency:urgent'] },
  { text: "still haven't got a refund", cues: ['waiting:still haven\'t', 'money:refund'] },
  { text: 'never got my refund', cues: ['money:refund'] },
  // Words inside other words, links and handles are not cues.
  { text: 'what are your opening hours?', cues: [] },
  { text: 'thanks @UrgentCareBot', cues: [] },
  { text: 'see https://example.com/urgent-refund', cues: [] },
  { text: 'great hospitality', cues: [] },
  { text: 'the refundable fare was worth it', cues: [] },
];

describe('findUrgencyCues', () => {
  it.each(cases)('$text', ({ text, cues }) => {
    expect(findUrgencyCues(text).map((c) => `${c.kind}:${c.phrase}`)).toEqual(cues);
  });

  it('returns cues in the order they appear', () => {
    expect(findUrgencyCues('refund please, urgent, stranded').map((c) => c.kind)).toEqual(['money', 'urgency', 'stranded']);
  });
});

describe('normalizeForCues', () => {
  it('lower-cases, straightens apostrophes, drops links and handles and keeps hashtag words', () => {
    expect(normalizeForCues('  Can’t  LOG in @Help #Outage https://t.co/x ')).toBe("can't log in outage");
  });
});
