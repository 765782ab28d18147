// Brand model benchmark: does a brand's overlay, learnt from its agents' corrections, make
// the model better on that brand's *other* mentions?
//
//   npm run bench:brand-model        (from the repository root)
//
// A simulated brand whose language the shared model was not trained on: 1,000 Amazon
// phone-review sentences (worker/data/amazon-cells; Kotzias et al., KDD 2015, UCI Machine
// Learning Repository, CC BY 4.0), labelled positive or negative. A hash splits them into
// the brand's past (half A) and its future (half B). In half A, agents correct the first N
// mentions the model got wrong and answer the ones it got right without correcting them
// (confirmations); the overlay trains on that. Half B is never trained on: it is scored by
// the shared model alone and with the overlay. The L2 strength is chosen by the overlay's own
// cross-validation over half A's corrections (what `retrainBrandModel` reports), not by half B.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sentiment } from '@earshot/db';
import { foldOf, getDefaultModel } from '../../../worker/src/analysis/index.ts';
import {
  type BrandExample,
  CONFIRMATION_WEIGHT,
  crossValidateOverlay,
  DEFAULT_OVERLAY_OPTIONS,
  type OverlayOptions,
  trainOverlay,
} from '../../../worker/src/brand-models/index.ts';

const path = fileURLToPath(new URL('../../../worker/data/amazon-cells/amazon_cells_labelled.txt', import.meta.url));
const rows = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    const tab = line.lastIndexOf('\t');
    const label: Sentiment = line.slice(tab + 1).trim() === '1' ? 'positive' : 'negative';
    return { id: `amazon-${i}`, text: line.slice(0, tab), label };
  });
const past = rows.filter((r) => foldOf(r.id, 2) === 0);
const future = rows.filter((r) => foldOf(r.id, 2) === 1);
const model = getDefaultModel();

const wrong = past.filter((r) => model.classify(r.text).sentiment !== r.label);
const right = past.filter((r) => model.classify(r.text).sentiment === r.label);
const accuracy = (overlay: Parameters<typeof model.classify>[1]) =>
  future.filter((r) => model.classify(r.text, overlay ?? null).sentiment === r.label).length / future.length;
const pct = (x: number | null) => (x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

console.log(`Simulated brand: ${rows.length} review sentences; past ${past.length} (model wrong on ${wrong.length}), future ${future.length}.`);
console.log(`Shared model alone on the future half: ${pct(accuracy(null))} right.\n`);

const grid: OverlayOptions[] = [0.1, 0.3, 1, 3, 10].map((l2) => ({ ...DEFAULT_OVERLAY_OPTIONS, l2 }));
console.log('corrections  l2     CV on past corrections (shared → brand)   future half, brand model   ms to train');
for (const n of [25, 50, 100, wrong.length]) {
  const examples: BrandExample[] = [
    ...wrong.slice(0, n).map((r) => ({ ...r, weight: 1, human: true })),
    ...right.map((r) => ({ ...r, label: r.label, weight: CONFIRMATION_WEIGHT, human: false })),
  ];
  for (const options of grid) {
    const cv = crossValidateOverlay(model, examples, options);
    const t0 = performance.now();
    const overlay = trainOverlay(model, examples, options);
    const ms = performance.now() - t0;
    const mark = options.l2 === DEFAULT_OVERLAY_OPTIONS.l2 ? ' (default)' : '';
    console.log(
      `${String(n).padStart(11)}  ${String(options.l2).padEnd(5)}  ${pct(cv.baseAgreement)} → ${pct(cv.brandAgreement)}                          ${pct(accuracy(overlay))}             ${ms.toFixed(0).padStart(6)}${mark}`,
    );
  }
}
