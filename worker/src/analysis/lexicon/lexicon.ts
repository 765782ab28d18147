/** The merged lexicon as stored in the model file. */
export interface LexiconData {
  /** word, stem or two-word phrase → [AFINN/5, Pattern], each -1 … +1, 0 = no entry. */
  words: Record<string, [number, number]>;
  /** emoji or emoticon name (`<sad>`) → polarity -1 … +1. */
  emoji: Record<string, number>;
}

/** Values per lexicon row: AFINN, Pattern. */
export const LEXICON_COLUMNS = 2;

/** Read-only lookups over {@link LexiconData}, built once when the model loads. */
export class Lexicon {
  private readonly rows = new Map<string, number>();
  /** {@link LEXICON_COLUMNS} columns per row. */
  readonly values: Float64Array;
  private readonly emoji: Map<string, number>;
  /** First words of two-word phrases, so a pair is only built when it could match. */
  private readonly phraseHeads = new Set<string>();

  constructor(data: LexiconData) {
    const keys = Object.keys(data.words);
    this.values = new Float64Array(keys.length * LEXICON_COLUMNS);
    keys.forEach((key, row) => {
      const v = data.words[key]!;
      this.rows.set(key, row);
      this.values[row * LEXICON_COLUMNS] = v[0];
      this.values[row * LEXICON_COLUMNS + 1] = v[1];
      const space = key.indexOf(' ');
      if (space > 0) this.phraseHeads.add(key.slice(0, space));
    });
    this.emoji = new Map(Object.entries(data.emoji));
  }

  /** Row of a word, stem or phrase, or -1. Multiply by {@link LEXICON_COLUMNS} to index {@link values}. */
  row(key: string): number {
    return this.rows.get(key) ?? -1;
  }

  isPhraseHead(word: string): boolean {
    return this.phraseHeads.has(word);
  }

  /** Polarity of an emoji or emoticon name; 0 if unknown. */
  emojiPolarity(symbol: string): number {
    return this.emoji.get(symbol) ?? 0;
  }
}
