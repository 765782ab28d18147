import type { IncidentMatch } from '@earshot/db';
import { hashtagsOf, phrasesOf } from '../analysis/text/phrases.ts';
import type { SpikeExplanation } from '../spikes/explain-spike.ts';
import type { SlaRules } from '@earshot/policy';

/** Driving terms an incident groups by: the strongest of its alert's phrases and hashtags (by G²). */
export const INCIDENT_TERMS = 5;

/** The terms a storm's mentions are grouped by, strongest first. */
export function incidentTerms(explanation: Pick<SpikeExplanation, 'phrases' | 'hashtags'>): string[] {
  return [...explanation.phrases, ...explanation.hashtags]
    .sort((a, b) => b.g2 - a.g2 || (a.term < b.term ? -1 : 1))
    .slice(0, INCIDENT_TERMS)
    .map((d) => d.term);
}

/**
 * Whether a mention belongs to an incident: it carries the metric's label (negative, a
 * complaint, or any) and uses one of the driving terms, found the way the drivers were counted
 * (`phrasesOf`, `hashtagsOf`). An incident with no driving terms (a storm of varied mentions)
 * takes every mention the metric counts.
 */
export function matchesIncident(
  incident: { terms: readonly string[]; match: IncidentMatch },
  mention: { text: string; sentiment: string; intent: string },
): boolean {
  if (incident.match.sentiment !== undefined && mention.sentiment !== incident.match.sentiment) return false;
  if (incident.match.intent !== undefined && mention.intent !== incident.match.intent) return false;
  if (incident.terms.length === 0) return true;
  const phrases = phrasesOf(mention.text);
  const tags = hashtagsOf(mention.text);
  return incident.terms.some((t) => (t.startsWith('#') ? tags.has(t) : phrases.has(t)));
}

/** Smallest deadline factor among a brand's open incidents (null: none tightens). */
export function deadlineFactorOf(incidents: readonly { deadline_factor: number | null }[]): number | null {
  let factor: number | null = null;
  for (const i of incidents) if (i.deadline_factor !== null && (factor === null || i.deadline_factor < factor)) factor = i.deadline_factor;
  return factor;
}

/** The brand's rules with every target multiplied by `factor` (at least a minute each). */
export function tightenRules(rules: SlaRules, factor: number | null): SlaRules {
  if (factor === null || !(factor > 0 && factor < 1)) return rules;
  const t = rules.targetsMinutes;
  const scale = (m: number) => Math.max(1, Math.round(m * factor));
  return { ...rules, targetsMinutes: { P1: scale(t.P1), P2: scale(t.P2), P3: scale(t.P3), P4: scale(t.P4) } };
}
