import { describe, expect, it } from 'vitest';
import { parseAirlineTweets, repairAirlineText } from './airline-tweets.ts';
import { foldOf, isHeldOut } from './split.ts';

describe('repairAirlineText', () => {
  it.each([
    ['@united my flight was Cancelled Flightled again', '@united my flight was cancelled again'],
    ['Cancelled Flighted and Late Flightr rebooked', 'canceled and later rebooked'],
    ['3 hours Late Flight', '3 hours late'],
    ['a normal flight tweet', 'a normal flight tweet'],
  ])('%s', (damaged, repaired) => {
    expect(repairAirlineText(damaged)).toBe(repaired);
  });
});

describe('parseAirlineTweets', () => {
  const header = 'tweet_id,airline_sentiment,negativereason,airline,text,tweet_created\n';

  it('reads labels, reasons and multi-line quoted text', () => {
    const rows = parseAirlineTweets(`${header}1,negative,Late Flight,United,"@united 2 hours Late Flight\nagain &amp; again",2/24/2015 11:35\n2,positive,,Delta,thanks!,2/24/2015 11:36\n`);
    expect(rows).toEqual([
      { id: '1', sentiment: 'negative', reason: 'Late Flight', airline: 'United', text: '@united 2 hours late\nagain &amp; again' },
      { id: '2', sentiment: 'positive', reason: null, airline: 'Delta', text: 'thanks!' },
    ]);
  });

  it('rejects an unknown label and names the record', () => {
    expect(() => parseAirlineTweets(`${header}1,angry,,United,hi,x\n`)).toThrow(/record 1: unknown sentiment "angry"/);
  });

  it('rejects a file without the needed columns', () => {
    expect(() => parseAirlineTweets('id,text\n1,hi\n')).toThrow(/no "tweet_id" column/);
  });
});

describe('the held-out split', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => String(570_000_000_000_000_000n + BigInt(i * 7919)));

  it('holds out about 15%, the same ids every time', () => {
    const held = ids.filter(isHeldOut);
    expect(held.length / ids.length).toBeGreaterThan(0.14);
    expect(held.length / ids.length).toBeLessThan(0.16);
    expect(ids.filter(isHeldOut)).toEqual(held);
  });

  it('spreads the rest evenly over the folds', () => {
    const counts = [0, 0, 0, 0, 0];
    for (const id of ids) counts[foldOf(id, 5)]!++;
    for (const c of counts) expect(Math.abs(c - ids.length / 5)).toBeLessThan(ids.length * 0.02);
  });
});
