import { createRequire } from 'node:module';
import { TokenFlag, TokenKind, type TokenBuffer } from './tokenize.ts';

const require = createRequire(import.meta.url);
const naturalNegations = (require('natural/lib/natural/sentiment/English/negations_en.json') as { words: string[] }).words;

/**
 * Words that open a negation scope. natural's list (not, no, never, neither) plus the
 * contracted forms as the tokenizer writes them (apostrophes dropped) and common spellings.
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  ...naturalNegations,
  'nor',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'without',
  'nope',
  'dnt',
  'neva',
  'cnt',
]);

/** Words that end a clause, and with it a negation's reach ("not great, but fine"). */
const CLAUSE_BREAKS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet', 'except', 'instead', 'whereas', 'unless']);

/**
 * Negator + next word pairs that do not negate what follows: "can't wait" is eagerness,
 * "no doubt" and "not only" affirm.
 */
const NON_NEGATING: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['cant', new Set(['wait'])],
  ['cannot', new Set(['wait'])],
  ['not', new Set(['only', 'just'])],
  ['no', new Set(['doubt', 'wonder', 'matter'])],
  ['nothing', new Set(['but', 'else'])],
]);

/** What a word does to negation scope, as bits. */
export const NegationRole = { Negator: 1, ClauseBreak: 2 } as const;

/** The {@link NegationRole} bits of a lowercased word. */
export function negationRole(word: string): number {
  return (NEGATORS.has(word) ? NegationRole.Negator : 0) | (CLAUSE_BREAKS.has(word) ? NegationRole.ClauseBreak : 0);
}

/**
 * Marks the tokens inside each negation's scope with {@link TokenFlag.Negated} and the
 * negators themselves with {@link TokenFlag.Negator}. A scope runs over the next
 * `maxWords` words and stops early at punctuation, a URL, an emoji or emoticon, or a
 * clause word such as "but". A negator inside a scope starts a fresh scope (so "not
 * without" does not double-flip what follows).
 *
 * @param roles optional precomputed {@link negationRole} per token (the classifier caches
 *   them per word); computed here when absent.
 */
export function markNegation(tokens: TokenBuffer, maxWords: number, roles?: ArrayLike<number>): void {
  let remaining = 0;
  const { texts, kinds, flags } = tokens;
  for (let i = 0; i < tokens.length; i++) {
    const kind = kinds[i]!;
    if (kind === TokenKind.Word) {
      const role = roles === undefined ? negationRole(texts[i]!) : roles[i]!;
      if (role & NegationRole.Negator) {
        const next = i + 1 < tokens.length && kinds[i + 1] === TokenKind.Word ? texts[i + 1]! : '';
        if (NON_NEGATING.get(texts[i]!)?.has(next) === true) {
          remaining = 0;
          continue;
        }
        flags[i]! |= TokenFlag.Negator;
        remaining = maxWords;
        continue;
      }
      if (role & NegationRole.ClauseBreak) {
        remaining = 0;
        continue;
      }
      if (remaining > 0) {
        flags[i]! |= TokenFlag.Negated;
        remaining--;
      }
    } else if (kind === TokenKind.Number || kind === TokenKind.Hashtag) {
      if (remaining > 0) {
        flags[i]! |= TokenFlag.Negated;
        remaining--;
      }
    } else if (kind !== TokenKind.Mention) {
      remaining = 0;
    }
  }
}
