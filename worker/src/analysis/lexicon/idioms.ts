/**
 * Two-word idioms whose meaning is not the sum of their words, on AFINN's scale divided
 * by 5 (-1 … +1), written for this project. Mostly reassuring negations: "no problem"
 * is polite, not a problem, and a negator plus a negative word reads as a complaint to
 * any model trained on complaints.
 */
export const IDIOM_POLARITY: Readonly<Record<string, number>> = {
  'no problem': 0.6,
  'no problems': 0.4,
  'no prob': 0.6,
  'no worries': 0.6,
  'no complaints': 0.6,
  'no issues': 0.4,
  'not bad': 0.6,
  'cant complain': 0.6,
  'not disappointed': 0.6,
  'never disappoints': 0.8,
  'never disappoint': 0.6,
  'not disappointing': 0.6,
  'no biggie': 0.4,
  'cant wait': 0.6,
  'thanks anyway': 0.2,
  'too bad': -0.4,
  'not happy': -0.6,
  'not impressed': -0.6,
  'not cool': -0.6,
  'not ok': -0.6,
  'not okay': -0.6,
  'not acceptable': -0.8,
  'no excuse': -0.6,
  'no help': -0.6,
  'no response': -0.4,
  'no answer': -0.4,
  'never again': -0.8,
};
