/** Facts about the last text that intent, spam and topic rules use. */
export interface TextSignals {
  words: number;
  questions: number;
  exclamations: number;
  urls: number;
  mentions: number;
  hashtags: number;
  /** Hashtags used more than once in the same text. */
  repeatedHashtags: number;
  emoji: number;
  sarcasm: boolean;
  /** Sum of lexicon and emoji evidence, roughly -n … +n. */
  lexiconBalance: number;
}

export function emptyTextSignals(): TextSignals {
  return { words: 0, questions: 0, exclamations: 0, urls: 0, mentions: 0, hashtags: 0, repeatedHashtags: 0, emoji: 0, sarcasm: false, lexiconBalance: 0 };
}

/** Zeroes the signals in place: the extractor reuses one object between texts. */
export function resetTextSignals(sig: TextSignals): void {
  sig.words = 0;
  sig.questions = 0;
  sig.exclamations = 0;
  sig.urls = 0;
  sig.mentions = 0;
  sig.hashtags = 0;
  sig.repeatedHashtags = 0;
  sig.emoji = 0;
  sig.sarcasm = false;
  sig.lexiconBalance = 0;
}
