import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isChoosingHalf, parseAmazonCells } from './amazon-cells.ts';

describe('parseAmazonCells', () => {
  it('reads sentence<TAB>label lines, 1 positive and 0 negative, skipping blank lines', () => {
    const parsed = parseAmazonCells('Great for the jawbone.\t1\r\n\nPiece of junk.\t0\n');
    expect(parsed).toEqual([
      { line: 1, text: 'Great for the jawbone.', sentiment: 'positive' },
      { line: 3, text: 'Piece of junk.', sentiment: 'negative' },
    ]);
  });

  it('names the first line that is not a sentence, a tab and 0 or 1', () => {
    expect(() => parseAmazonCells('fine\t1\nno label here\n')).toThrow(/line 2/);
    expect(() => parseAmazonCells('odd label\t3\n')).toThrow(/line 1/);
  });

  it('reads the project copy: 1,000 sentences, 500 of each, split about in half for choosing and reporting', () => {
    const path = fileURLToPath(new URL('../../../data/amazon-cells/amazon_cells_labelled.txt', import.meta.url));
    const sentences = parseAmazonCells(readFileSync(path, 'utf8'));
    expect(sentences).toHaveLength(1000);
    expect(sentences.filter((s) => s.sentiment === 'positive')).toHaveLength(500);
    const choosing = sentences.filter((s) => isChoosingHalf(s));
    expect(choosing).toHaveLength(503);
    // The same text always falls in the same half.
    expect(isChoosingHalf({ text: choosing[0]!.text })).toBe(true);
  });
});
