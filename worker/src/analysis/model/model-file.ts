import { z } from 'zod';

export const MODEL_FORMAT = 'earshot-sentiment-model/2';

const ClassScoresSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
});

export const ScoresSchema = z.object({
  examples: z.number().int(),
  accuracy: z.number(),
  macroF1: z.number(),
  negative: ClassScoresSchema,
  neutral: ClassScoresSchema,
  positive: ClassScoresSchema,
  confusion: z.array(z.array(z.number().int())),
});

const PolarScoresSchema = z.object({
  examples: z.number().int(),
  negative: ClassScoresSchema,
  positive: ClassScoresSchema,
  polarMacroF1: z.number(),
  neutralShare: z.number(),
  polarAccuracy: z.number(),
});

export const HyperparametersSchema = z.object({
  hashBits: z.number().int().min(10).max(24),
  negationWindow: z.number().int().min(0).max(20),
  bigrams: z.boolean(),
  /** Hashed word features count once per text. */
  binary: z.boolean(),
  /** Character n-grams of each word (features.ts CharNgramConfig), or null for none. */
  charNgrams: z
    .object({ min: z.number().int().min(1).max(8), max: z.number().int().min(1).max(8), weight: z.number().positive() })
    .refine((c) => c.min <= c.max, 'min must not exceed max')
    .nullable(),
  l2: z.number().positive(),
  /** Strength pulling the lexicon features towards their prior weights (features.ts DENSE_PRIOR). */
  priorL2: z.number().nonnegative(),
  folds: z.number().int().min(2),
  /** How much one extra (agent-corrected) example counts against one base example. */
  extraWeight: z.number().positive(),
  maxIterations: z.number().int().positive(),
});
export type Hyperparameters = z.infer<typeof HyperparametersSchema>;

/** The JSON written by `npm run train -w @earshot/worker` and read when the worker starts. */
export const ModelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  trainedAt: z.string(),
  labels: z.tuple([z.literal('negative'), z.literal('neutral'), z.literal('positive')]),
  hyperparameters: HyperparametersSchema,
  /** Added to the negative logit before deciding; chosen on cross-validation. */
  negativeBias: z.number(),
  /** Words replaced by `<brand>` so no brand's name carries sentiment. */
  brandTerms: z.array(z.string()),
  lexicon: z.object({
    sources: z.array(z.string()),
    words: z.record(z.string(), z.tuple([z.number(), z.number()])),
    emoji: z.record(z.string(), z.number()),
  }),
  /** Frequent training words, stemmed at load so classifying starts warm. */
  vocabulary: z.array(z.string()),
  weights: z.object({
    /** Feature rows with a non-zero weight, each as the gap from the previous row. */
    rowGaps: z.array(z.number().int().nonnegative()),
    /** Three weights per row (negative, neutral, positive), as integers to divide by `scale`. */
    values: z.array(z.number().int()),
    scale: z.number().positive(),
  }),
  training: z.object({
    data: z.string(),
    license: z.string(),
    file: z.string(),
    sha256: z.string(),
    baseExamples: z.number().int(),
    heldOutExamples: z.number().int(),
    extraExamples: z.number().int(),
  }),
  evaluation: z.object({
    note: z.string(),
    crossValidated: ScoresSchema,
    crossValidatedUnbiased: ScoresSchema,
    heldOut: ScoresSchema,
    heldOutTopicAgreement: z.object({
      note: z.string(),
      labelled: z.number().int(),
      named: z.number().int(),
      agreeing: z.number().int(),
    }),
    /**
     * The shipped model on text unlike its training data (training/out-of-domain.ts): `reporting`
     * is the half no choice looked at; `choosing` the half options were compared on.
     */
    outOfDomain: z
      .object({
        note: z.string(),
        data: z.string(),
        sha256: z.string(),
        choosing: PolarScoresSchema,
        reporting: PolarScoresSchema,
      })
      .nullable()
      .default(null),
  }),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;

/** Parts written on one line each: they are large and only machines read them. */
const COMPACT_KEYS: ReadonlySet<string> = new Set(['lexicon', 'vocabulary', 'weights']);

/**
 * Writes a model file with its metadata and figures indented at the top, readable with
 * `head`, and the large tables compact at the end.
 */
export function serializeModelFile(model: ModelFile): string {
  const entries = Object.entries(model);
  const ordered = [...entries.filter(([k]) => !COMPACT_KEYS.has(k)), ...entries.filter(([k]) => COMPACT_KEYS.has(k))];
  const lines = ordered.map(([key, value]) => {
    const json = COMPACT_KEYS.has(key) ? JSON.stringify(value) : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${json}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
