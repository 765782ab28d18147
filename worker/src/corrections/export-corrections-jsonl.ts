import { listCorrectionsForTraining, type CorrectionField, type Database } from '@earshot/db';

const PAGE = 500;

/**
 * Agents' sentiment labels as JSON Lines for the classifier's training script (`--extra
 * file.jsonl`): one `{"text","sentiment","brandId"}` object per corrected mention, its latest
 * label, each line ending in "\n". Reads page by page, so any number of corrections streams in
 * bounded memory.
 */
export async function* exportCorrectionsJsonl(db: Database, options: { brandId?: string | undefined } = {}): AsyncIterable<string> {
  let after: { mentionId: string; field: CorrectionField } | undefined;
  for (;;) {
    const page = await listCorrectionsForTraining(db, { brandId: options.brandId, field: 'sentiment', after, limit: PAGE });
    for (const label of page) {
      yield `${JSON.stringify({ text: label.text, sentiment: label.value, brandId: label.brandId })}\n`;
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { mentionId: last.mentionId, field: last.field };
  }
}
