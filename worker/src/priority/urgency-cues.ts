/**
 * Phrases that say a mention needs an answer soon. Grouped by what they tell us, because a
 * post saying "still waiting … for hours … no reply" is one fact said three ways and must not
 * count three times. Weights are points on the priority scale of `scorePriority`.
 *
 * Chosen from what support teams triage on first: a person's safety, a traveller stuck away
 * from home, an explicit deadline, a long wait or repeated contact, money and lost property,
 * a broken service; and the opposite, a customer saying it can wait.
 */
export type CueKind = 'safety' | 'stranded' | 'urgency' | 'waiting' | 'repeat' | 'loss' | 'money' | 'outage' | 'calm';

interface CueDefinition {
  kind: CueKind;
  weight: number;
  pattern: RegExp;
  /**
   * Whether "not"/"no longer"/"isn't" just before it reverses it ("not urgent", "wasn't
   * cancelled"). Cues about money or waiting are not: "never got my refund" is still a refund
   * problem, "still haven't heard back" is still a wait.
   */
  negatable: boolean;
}

const CUES: CueDefinition[] = [
  { kind: 'safety', weight: 40, negatable: true, pattern: /\b(?:unsafe|injur(?:ed|y|ies)|bleeding|ambulance|hospital(?:ised|ized)?|medical emergency|emergency|allergic reaction|harass(?:ed|ing|ment)|assault(?:ed)?|threatened|smoke in the cabin|passed out|dangerous)\b/g },
  {
    kind: 'stranded',
    weight: 25,
    negatable: true,
    pattern: /\b(?:stranded|stuck (?:at|in) (?:the )?(?:airport|gate|terminal|station|lounge)|missed (?:my|our|the|a) (?:flight|connection|connecting flight|train|bus|ferry)|left behind|sleeping (?:at|in) the (?:airport|terminal|station)|no (?:hotel|accommodation) (?:for tonight|tonight)|can(?:'t|not) get home)\b/g,
  },
  { kind: 'urgency', weight: 20, negatable: true, pattern: /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|immediately|time[- ]sensitive|right away|as soon as possible)\b/g },
  {
    kind: 'waiting',
    weight: 15,
    negatable: false,
    pattern: /\b(?:still (?:waiting|no|not|nothing|haven't|have not|hasn't|has not)|been waiting|waited|waiting (?:for|since) (?:hours|days|weeks|ages|\d+)|on hold|no (?:response|reply|answer|one (?:has )?(?:replied|responded|answered|helped))|(?:nobody|no one) (?:is )?(?:answering|responding|helping|replied|responded|answered)|ignor(?:ed|ing) (?:me|us|my)|for (?:hours|days|weeks|ages)|(?:\d+|two|three|four|five|six|several|many) (?:hours|hrs|days|weeks)(?: now| later| on hold| of waiting| and counting)?|hours (?:later|on hold|of waiting)|days (?:later|now))\b/g,
  },
  {
    kind: 'repeat',
    weight: 15,
    negatable: false,
    pattern: /\b(?:(?:second|2nd|third|3rd|fourth|4th|fifth|5th|tenth|10th) time|yet again|again and again|every single time|(?:called|emailed|messaged|dm'?d|tweeted|contacted|asked|chatted)(?: (?:you|your team|support|them))? (?:\d+|twice|three|four|five|multiple|several|many|countless) times|multiple times|several times|countless times)\b/g,
  },
  {
    kind: 'loss',
    weight: 10,
    negatable: true,
    pattern: /\b(?:(?:lost|missing|damaged|stolen|broken) (?:my |our |the )?(?:bag|bags|luggage|baggage|suitcase|suitcases|package|parcel|order|delivery|stroller|wheelchair)|(?:bag|bags|luggage|baggage|suitcase|package|parcel|order|delivery) (?:is |was |got |has been |went )?(?:lost|missing|damaged|stolen|never arrived|never came))\b/g,
  },
  { kind: 'money', weight: 10, negatable: false, pattern: /\b(?:refund(?:ed|s)?|charged (?:me )?twice|double[- ]charged|overcharged|chargeback|money back|compensation|fraud(?:ulent)?|scammed)\b/g },
  {
    kind: 'outage',
    weight: 10,
    negatable: true,
    pattern: /\b(?:cancell?ed|delayed|outage|not working|doesn't work|does not work|stopped working|(?:can't|cannot|unable to) (?:log ?in|sign in|access|connect|check in|book)|locked out|(?:app|site|website|service|server|system|network|internet|wifi|wi-fi)s? (?:is |are |went |keeps going )?down)\b/g,
  },
  {
    kind: 'calm',
    weight: -15,
    negatable: false,
    pattern: /\b(?:no rush|no hurry|not in a (?:rush|hurry)|whenever you (?:can|get a chance|have time)|when you get a chance|no worries|not a big deal|just curious|just wondering|out of curiosity)\b/g,
  },
];

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'hardly', 'nothing', 'nobody', 'longer']);
// How far back a negator still reaches: "not really that urgent" but not "not told the flight was cancelled".
const NEGATION_REACH = 3;

export interface CueMatch {
  kind: CueKind;
  /** Positive raises urgency, negative lowers it. */
  weight: number;
  /** The words as written (lower case), for the reason shown to agents. */
  phrase: string;
}

/** Lower case, straight apostrophes, no links or handles (which hold words by accident). */
export function normalizeForCues(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#]\w+/g, (tag) => (tag.startsWith('#') ? tag.slice(1) : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every cue in the text, in order of appearance. A negated urgency or safety word ("not
 * urgent", "isn't an emergency") becomes a calm cue; any other negated cue is dropped.
 */
export function findUrgencyCues(text: string): CueMatch[] {
  const normalized = normalizeForCues(text);
  const found: (CueMatch & { at: number })[] = [];
  for (const cue of CUES) {
    for (const match of normalized.matchAll(cue.pattern)) {
      const at = match.index;
      const phrase = match[0];
      if (cue.negatable && isNegated(normalized, at)) {
        const negation = normalized.slice(0, at).trim().split(/\s+/).slice(-NEGATION_REACH).join(' ');
        if (cue.kind === 'urgency' || cue.kind === 'safety') {
          found.push({ kind: 'calm', weight: -15, phrase: `${lastNegationPhrase(negation)} ${phrase}`.trim(), at });
        }
        continue;
      }
      found.push({ kind: cue.kind, weight: cue.weight, phrase, at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ kind, weight, phrase }) => ({ kind, weight, phrase }));
}

function isNegated(text: string, at: number): boolean {
  const before = text.slice(0, at);
  // A clause boundary ends the negation's reach: "not sure why, but this is urgent".
  const clause = before.split(/[.,;:!?()]|\bbut\b/).pop() ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean).slice(-NEGATION_REACH);
  return words.some((w) => NEGATORS.has(w) || w.endsWith("n't") || w === 'cannot');
}

/** From the negator onward: "it's really not that" → "not that". */
function lastNegationPhrase(words: string): string {
  const list = words.split(/\s+/);
  const i = list.findIndex((w) => NEGATORS.has(w) || w.endsWith("n't") || w === 'cannot');
  return i === -1 ? '' : list.slice(i).join(' ');
}
