import type { TextSignals } from '../features.ts';
import { TokenKind, type TokenBuffer } from '../text/tokenize.ts';

/** Words that, in a post to a brand, mostly come from promotion bots. Each distinct one counts once. */
const SPAM_WORDS: ReadonlySet<string> = new Set([
  'giveaway', 'giveaways', 'airdrop', 'airdrops', 'f4f', 'followback', 'teamfollowback', 'follow4follow', 'onlyfans', 'forex', 'nft', 'nfts',
  'crypto', 'bitcoin', 'btc', 'eth', 'usdt', 'casino', 'betting', 'viagra', 'xxx', 'porn', 'sugardaddy', 'mlm',
  'dropshipping', 'presale', 'whitelist', 'memecoin',
]);

/** Word sequences typical of spam and follow-bait (as the tokenizer writes them: no apostrophes, numbers as <num>). */
const SPAM_PHRASES: readonly string[] = [
  'follow me', 'follow back', 'follow for follow', 'followers free', 'free followers', 'get followers', 'check out my', 'check my profile',
  'check my bio', 'link in bio', 'link in my bio', 'click the link', 'click here', 'click link', 'dm me for', 'dm for', 'dm me now',
  'win a', 'win free', 'to win', 'retweet to win', 'rt to win', 'make money', 'earn money', 'earn <money>', 'work from home',
  'passive income', 'limited time', 'limited offer', '<num> free', 'sign up now', 'double your', 'guaranteed profit', 'join now',
  'free gift', 'claim your', 'claim now', 'promo code', 'use code', 'discount code', 'hot singles', 'subscribe to my',
];

const PHRASES_BY_HEAD = new Map<string, string[][]>();
for (const phrase of SPAM_PHRASES) {
  const words = phrase.split(' ');
  const list = PHRASES_BY_HEAD.get(words[0]!) ?? [];
  list.push(words);
  PHRASES_BY_HEAD.set(words[0]!, list);
}

/** A post scoring this much or more is flagged as spam. */
export const SPAM_THRESHOLD = 3;

/**
 * Scores how spam- or bot-like a post is, from its tokens and counts: promotion words
 * and phrases, link farms (several links, or a link with almost no words), hashtag
 * stuffing and mass tagging. One weak cue (a crypto exchange's customer saying
 * "bitcoin") stays under {@link SPAM_THRESHOLD}; two do not.
 */
export function spamScore(tokens: TokenBuffer, signals: TextSignals): number {
  let score = 0;
  let words = 0;
  const seen: string[] = [];
  const { texts, kinds } = tokens;
  for (let i = 0; i < tokens.length; i++) {
    const kind = kinds[i]!;
    if (kind !== TokenKind.Word && kind !== TokenKind.Hashtag && kind !== TokenKind.Number) continue;
    const text = texts[i]!;
    if (kind === TokenKind.Word) words++;
    if (SPAM_WORDS.has(text) && !seen.includes(text)) {
      seen.push(text);
      score += 1.5;
    }
    const candidates = PHRASES_BY_HEAD.get(text);
    if (candidates === undefined) continue;
    for (const phrase of candidates) {
      let k = 1;
      while (k < phrase.length && i + k < tokens.length && texts[i + k] === phrase[k]) k++;
      if (k === phrase.length) {
        score += 1.5;
        break;
      }
    }
  }
  if (signals.urls >= 2) score += signals.urls >= 3 ? 2.5 : 1.5;
  if (signals.urls >= 1 && words <= 3) score += 1;
  if (signals.hashtags >= 6) score += 1.5;
  else if (signals.hashtags >= 4 && signals.hashtags > words) score += 1;
  if (signals.repeatedHashtags > 0) score += 1.5;
  if (signals.mentions >= 5) score += signals.urls >= 1 ? 2.5 : 1.5;
  return score;
}
