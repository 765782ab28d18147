import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_RULES } from '@earshot/policy';
import { deadlineFactorOf, incidentTerms, matchesIncident, tightenRules } from './incident-match.ts';

const driver = (term: string, g2: number) => ({ term, g2, count: 5, windowShare: 0.5, baselineShare: 0 });

describe('incident grouping', () => {
  it('groups by the five strongest drivers, phrases and hashtags alike', () => {
    const terms = incidentTerms({
      phrases: [driver('lost luggage', 90), driver('carousel', 20), driver('three hours', 40), driver('gate', 16), driver('crew', 15.5)],
      hashtags: [driver('#lostbag', 60), driver('#fail', 15.2)],
    });
    expect(terms).toEqual(['lost luggage', '#lostbag', 'three hours', 'carousel', 'gate']);
  });

  it('takes a mention that carries the label and uses a driver the way drivers are counted', () => {
    const incident = { terms: ['lost luggage', '#lostbag'], match: { sentiment: 'negative' as const } };
    const negative = { sentiment: 'negative', intent: 'complaint' };
    expect(matchesIncident(incident, { ...negative, text: 'LOST LUGGAGE again, awful' })).toBe(true);
    expect(matchesIncident(incident, { ...negative, text: 'Where is it? #LostBag' })).toBe(true);
    // "my" breaks the phrase, as it does when drivers are counted.
    expect(matchesIncident(incident, { ...negative, text: 'You lost my luggage' })).toBe(false);
    expect(matchesIncident(incident, { sentiment: 'positive', intent: 'praise', text: 'lost luggage found, thanks!' })).toBe(false);
    // A storm of varied mentions (no drivers) takes every one the rule counts.
    expect(matchesIncident({ terms: [], match: { intent: 'complaint' } }, { ...negative, text: 'anything' })).toBe(true);
    expect(matchesIncident({ terms: [], match: { intent: 'complaint' } }, { sentiment: 'negative', intent: 'question', text: 'anything' })).toBe(false);
  });

  it('shortens deadlines by the smallest factor of the open incidents, to a minute at least', () => {
    expect(deadlineFactorOf([{ deadline_factor: null }, { deadline_factor: 0.5 }, { deadline_factor: 0.25 }])).toBe(0.25);
    expect(deadlineFactorOf([{ deadline_factor: null }])).toBeNull();
    expect(tightenRules(DEFAULT_SLA_RULES, 0.5).targetsMinutes).toEqual({ P1: 15, P2: 30, P3: 120, P4: 720 });
    expect(tightenRules({ ...DEFAULT_SLA_RULES, targetsMinutes: { P1: 1, P2: 3, P3: 10, P4: 20 } }, 0.1).targetsMinutes).toEqual({ P1: 1, P2: 1, P3: 1, P4: 2 });
    expect(tightenRules(DEFAULT_SLA_RULES, null)).toBe(DEFAULT_SLA_RULES);
  });
});
