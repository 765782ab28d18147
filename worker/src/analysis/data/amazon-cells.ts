import { finishHash, hashString, namespaceSeed } from '../text/hash.ts';

/** One sentence of the out-of-domain evaluation data: positive or negative, never neutral. */
export interface PolarSentence {
  /** Line number in the file (1-based), for messages. */
  line: number;
  text: string;
  sentiment: 'negative' | 'positive';
}

export const AMAZON_CELLS_ATTRIBUTION =
  'Amazon cell-phone review sentences of "Sentiment Labelled Sentences" (Kotzias, Denil, de Freitas, Smyth, KDD 2015), UCI Machine Learning Repository, CC BY 4.0';

/**
 * Reads `amazon_cells_labelled.txt` (`sentence<TAB>label`, label 1 positive or 0 negative, one
 * a line; blank lines skipped). Evaluation data only: nothing may train on it.
 *
 * @throws Error naming the first line that is not a sentence, a tab and 0 or 1.
 */
export function parseAmazonCells(text: string): PolarSentence[] {
  const out: PolarSentence[] = [];
  text.split(/\r?\n/).forEach((row, i) => {
    if (row.trim() === '') return;
    const tab = row.lastIndexOf('\t');
    const label = tab < 0 ? '' : row.slice(tab + 1).trim();
    const sentence = tab < 0 ? '' : row.slice(0, tab).trim();
    if (sentence === '' || (label !== '0' && label !== '1')) {
      throw new Error(`Amazon cells data, line ${i + 1}: expected "sentence<TAB>0|1", got ${JSON.stringify(row.slice(0, 60))}. Restore the file from git.`);
    }
    out.push({ line: i + 1, text: sentence, sentiment: label === '1' ? 'positive' : 'negative' });
  });
  return out;
}

const CHOOSING_SEED = namespaceSeed('earshot-ood-choosing-v1');

/**
 * Whether an out-of-domain sentence is in the half that may be used to choose between
 * options (by a hash of its text, so repeated sentences fall in the same half). Figures
 * are reported on the other half, which no choice looked at.
 */
export function isChoosingHalf(sentence: { text: string }): boolean {
  return finishHash(hashString(CHOOSING_SEED, sentence.text)) % 2 === 0;
}
