// Brand model benchmark: does a brand's overlay, learnt from its agents' corrections, make
// the model better on that brand's *other* mentions, and does it stay out of the way where
// the shared model already reads the brand well?
//
//   npm run bench:brand-model        (from the repository root)
//
// Two simulated brands, each split by a hash into its past (half A) and its future (half B).
// In the past half, agents correct the first N mentions the model got wrong and answer the
// ones it got right without correcting them (confirmations); the overlay trains on that the
// way `retrainBrandModel` does (kept only if, cross-validated over the past half, it agrees
// with the agents at least as often as the shared model). The future half is never trained
// on: it is scored by the shared model alone and with the overlay.
//
// - "Phone reviews": 1,000 Amazon phone-review sentences (worker/data/amazon-cells; Kotzias et
//   al., KDD 2015, UCI Machine Learning Repository, CC BY 4.0), positive or negative: language
//   the shared model was not trained on.
// - "Airline": the 1,788 held-out airline tweets (worker/data/airline-tweets, CC BY-NC-SA 4.0),
//   never used to train the shared model, but the language it was trained on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sentiment } from '@earshot/db';
import { foldOf, getDefaultModel, isHeldOut, parseAirlineTweets } from '../../../worker/src/analysis/index.ts';
import { type BrandExample, CONFIRMATION_WEIGHT, crossValidateOverlay, DEFAULT_OVERLAY_OPTIONS, trainOverlay } from '../../../worker/src/brand-models/index.ts';

interface Labelled {
  id: string;
  text: string;
  label: Sentiment;
}

const dataFile = (path: string) => readFileSync(fileURLToPath(new URL(`../../../worker/data/${path}`, import.meta.url)), 'utf8');
const reviews: Labelled[] = dataFile('amazon-cells/amazon_cells_labelled.txt')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    const tab = line.lastIndexOf('\t');
    return { id: `amazon-${i}`, text: line.slice(0, tab), label: line.slice(tab + 1).trim() === '1' ? 'positive' : 'negative' };
  });
const airline: Labelled[] = parseAirlineTweets(dataFile('airline-tweets/dev.csv'))
  .filter((t) => isHeldOut(t.id))
  .map((t) => ({ id: t.id, text: t.text, label: t.sentiment }));

const model = getDefaultModel();
const pct = (x: number | null) => (x === null ? '  –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

async function simulate(name: string, rows: Labelled[], counts: number[]): Promise<void> {
  const past = rows.filter((r) => foldOf(r.id, 2) === 0);
  const future = rows.filter((r) => foldOf(r.id, 2) === 1);
  const wrong = past.filter((r) => model.classify(r.text).sentiment !== r.label);
  const right = past.filter((r) => model.classify(r.text).sentiment === r.label);
  const accuracy = (overlay: Parameters<typeof model.classify>[1]) => future.filter((r) => model.classify(r.text, overlay).sentiment === r.label).length / future.length;
  console.log(`\n${name}: ${rows.length} labelled posts; past ${past.length} (shared model wrong on ${wrong.length}), future ${future.length}.`);
  console.log(`  shared model alone on the future half: ${pct(accuracy(null))}`);
  console.log('  corrections  confirmations  CV on past reviews (shared → brand)  kept  future half, brand model  ms to train');
  for (const n of counts) {
    const examples: BrandExample[] = [
      ...wrong.slice(0, n).map((r) => ({ ...r, weight: 1 })),
      ...right.map((r) => ({ ...r, weight: CONFIRMATION_WEIGHT })),
    ];
    const cv = await crossValidateOverlay(model, examples, DEFAULT_OVERLAY_OPTIONS);
    const kept = cv.scored === 0 || cv.brandAgreement! >= cv.baseAgreement!;
    const t0 = performance.now();
    const overlay = trainOverlay(model, kept ? examples : [], DEFAULT_OVERLAY_OPTIONS);
    const ms = performance.now() - t0;
    console.log(
      `  ${String(Math.min(n, wrong.length)).padStart(11)}  ${String(right.length).padStart(13)}  ${pct(cv.baseAgreement)} → ${pct(cv.brandAgreement)}                  ${kept ? 'yes' : 'no '}   ${pct(accuracy(overlay))}                   ${ms.toFixed(0).padStart(5)}`,
    );
  }
}

console.log(`Overlay options: l2 ${DEFAULT_OVERLAY_OPTIONS.l2}, bias l2 ${DEFAULT_OVERLAY_OPTIONS.biasL2}; confirmations weigh ${CONFIRMATION_WEIGHT}.`);
await simulate('Phone reviews (another kind of product)', reviews, [25, 50, 100, Infinity]);
await simulate('Airline (the shared model’s own domain, unseen tweets)', airline, [25, 50, 100, Infinity]);
