// Sentiment benchmark: Earshot's classifier against natural's stock SentimentAnalyzer
// (AFINN + Porter stemmer) and the `sentiment` package, on the same held-out part of the
// airline tweets (15% by a hash of tweet_id: never used to train or tune Earshot's model).
// Prints accuracy, macro-F1, negative precision/recall and texts per second, in one run.
// Then the same three out of domain: Amazon phone-review sentences (positive or negative, no
// neutral), the half of them no modelling choice looked at (see isChoosingHalf): negative and
// positive precision/recall/F1 of each one's usual decision (neutral counts as a miss), the
// share called neutral, and polar accuracy (negative vs positive only; a score of exactly 0
// from the two lexicon scorers counts as wrong).
//
//   npm run bench:sentiment -w @earshot/tests        (or: cd tests && npm run bench:sentiment)
//
// Data: worker/data/airline-tweets/dev.csv — "Twitter US Airline Sentiment", Figure Eight /
// Crowdflower "Data for Everyone", CC BY-NC-SA 4.0. worker/data/amazon-cells/amazon_cells_labelled.txt —
// "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015), UCI Machine Learning Repository, CC BY 4.0.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// The analysis module's data helpers are not exported from @earshot/worker's root (yet), so
// this reads them from the worker's source like the root export does.
import {
  classifyText,
  getDefaultModel,
  isChoosingHalf,
  isHeldOut,
  LABELS,
  modelPolarClassifier,
  type PolarClassifier,
  type PolarScores,
  parseAirlineTweets,
  parseAmazonCells,
  scoreLabels,
  scorePolarSentences,
  type Scores,
} from '../../../worker/src/analysis/index.ts';

const require = createRequire(import.meta.url);
type Analyzer = { getSentiment(words: string[]): number };
const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (language: string, stemmer: unknown, type: string) => Analyzer;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as unknown;
// `sentiment` ships no types; this is the part of its API used here.
const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as { WordTokenizer: new () => { tokenize(text: string): string[] } };

const csvPath = fileURLToPath(new URL('../../../worker/data/airline-tweets/dev.csv', import.meta.url));
const heldOut = parseAirlineTweets(readFileSync(csvPath, 'utf8')).filter((t) => isHeldOut(t.id));
const texts = heldOut.map((t) => t.text);
const gold = heldOut.map((t) => LABELS.indexOf(t.sentiment));

/** Score sign to a class index: < 0 negative, 0 neutral, > 0 positive. */
function bySign(score: number): number {
  return score < 0 ? 0 : score > 0 ? 2 : 1;
}

const natural = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
const wordTokenizer = new WordTokenizer();
const sentimentPackage = new Sentiment();

/** A lexicon score's three-way decision by sign, and its two-way one (0 = no decision, counted wrong). */
function polarBySign(score: number): { predicted: number; polar: number } {
  return { predicted: bySign(score), polar: score < 0 ? 0 : score > 0 ? 2 : -1 };
}

const contenders: { name: string; predict: (text: string) => number; polar: PolarClassifier }[] = [
  { name: 'Earshot (worker/src/analysis)', predict: (text) => LABELS.indexOf(classifyText(text).sentiment), polar: modelPolarClassifier(getDefaultModel()) },
  {
    name: 'natural SentimentAnalyzer (AFINN, Porter)',
    predict: (text) => bySign(natural.getSentiment(wordTokenizer.tokenize(text))),
    polar: (text) => polarBySign(natural.getSentiment(wordTokenizer.tokenize(text))),
  },
  {
    name: 'sentiment 5 (AFINN-165 + emoji)',
    predict: (text) => bySign(sentimentPackage.analyze(text).score),
    polar: (text) => polarBySign(sentimentPackage.analyze(text).score),
  },
];

/** Texts per CPU-second of this process (and per wall-clock second), over at least `seconds` of work. */
function throughput(predict: (text: string) => number, seconds = 2): { cpu: number; wall: number } {
  let sink = 0;
  let n = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  do {
    for (const t of texts) sink += predict(t);
    n += texts.length;
  } while (performance.now() - wall0 < seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  if (sink < 0) console.log(sink);
  return { cpu: n / ((cpu.user + cpu.system) / 1e6), wall: n / wall };
}

function row(name: string, s: Scores, speed: { cpu: number; wall: number }): string {
  const f = (x: number): string => x.toFixed(3).padStart(8);
  const rate = Math.round(speed.cpu).toLocaleString('en-US').padStart(11);
  return `${name.padEnd(44)}${f(s.accuracy)}${f(s.macroF1)}${f(s.negative.precision)}${f(s.negative.recall)}${rate}  (${Math.round(speed.wall).toLocaleString('en-US')} wall)`;
}

const counts = LABELS.map((_, c) => gold.filter((g) => g === c).length);
console.log(`Held-out airline tweets: ${texts.length} (negative ${counts[0]}, neutral ${counts[1]}, positive ${counts[2]}); one core, texts/s = texts per CPU-second.`);
console.log(`${'classifier'.padEnd(44)}${'accuracy'.padStart(8)}${'macroF1'.padStart(8)}${'negP'.padStart(8)}${'negR'.padStart(8)}${'texts/s'.padStart(11)}`);
for (const c of contenders) {
  const predicted = texts.map((t) => c.predict(t));
  const scores = scoreLabels(gold, predicted);
  // Warm up (JIT, caches) before timing.
  throughput(c.predict, 0.3);
  console.log(row(c.name, scores, throughput(c.predict)));
}
const recorded = getDefaultModel().file.evaluation;
const cv = recorded.crossValidated;
console.log(
  `Earshot recorded figures: cross-validated (5-fold, ${cv.examples} tweets) accuracy ${cv.accuracy.toFixed(3)} macro-F1 ${cv.macroF1.toFixed(3)} ` +
    `negP ${cv.negative.precision.toFixed(3)} negR ${cv.negative.recall.toFixed(3)}; held-out macro-F1 ${recorded.heldOut.macroF1.toFixed(3)}.`,
);

const amazonPath = fileURLToPath(new URL('../../../worker/data/amazon-cells/amazon_cells_labelled.txt', import.meta.url));
const reporting = parseAmazonCells(readFileSync(amazonPath, 'utf8')).filter((s) => !isChoosingHalf(s));
const negatives = reporting.filter((s) => s.sentiment === 'negative').length;
console.log('');
console.log(
  `Out of domain: Amazon phone-review sentences, reporting half ${reporting.length} (negative ${negatives}, positive ${reporting.length - negatives}; no neutral). ` +
    'P/R/F1 of the usual decision (neutral = miss); polarAcc = negative vs positive only.',
);
const heads = ['polarAcc', 'neutral', 'negP', 'negR', 'negF1', 'posP', 'posR', 'posF1'];
console.log(`${'classifier'.padEnd(44)}${heads.map((h) => h.padStart(9)).join('')}`);
function oodRow(name: string, s: PolarScores): string {
  const f = (x: number): string => x.toFixed(3).padStart(9);
  const cells = [s.polarAccuracy, s.neutralShare, s.negative.precision, s.negative.recall, s.negative.f1, s.positive.precision, s.positive.recall, s.positive.f1];
  return `${name.padEnd(44)}${cells.map(f).join('')}`;
}
for (const c of contenders) console.log(oodRow(c.name, scorePolarSentences(c.polar, reporting)));
const ood = recorded.outOfDomain;
if (ood !== null) {
  console.log(
    `Earshot recorded out-of-domain figures (reporting half): polar accuracy ${ood.reporting.polarAccuracy.toFixed(3)}, neutral ${ood.reporting.neutralShare.toFixed(3)}, ` +
      `negative F1 ${ood.reporting.negative.f1.toFixed(3)}, positive F1 ${ood.reporting.positive.f1.toFixed(3)}.`,
  );
}
