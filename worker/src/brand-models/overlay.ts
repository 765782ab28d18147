import { z } from 'zod';
import type { LogitAdjustment } from '../analysis/index.ts';

export const OVERLAY_FORMAT = 'earshot-brand-overlay/1';
const QUANTUM = 10_000;

/** A brand overlay as stored (brand_models.overlay): class-score changes of some feature rows of one shared model. */
export const OverlayJsonSchema = z
  .object({
    format: z.literal(OVERLAY_FORMAT),
    /** Fingerprint of the shared model whose feature rows these are. */
    baseModel: z.string().min(1),
    /** Feature rows, ascending. */
    rows: z.array(z.number().int().nonnegative()),
    /** Three per row (negative, neutral, positive), as integers to divide by `scale`. */
    values: z.array(z.number().int()),
    scale: z.number().positive(),
  })
  .refine((o) => o.values.length === o.rows.length * 3, { message: 'values must hold 3 numbers per row' });
export type OverlayJson = z.infer<typeof OverlayJsonSchema>;

/**
 * A brand's learnt adjustment of the shared sentiment model: for each feature row it
 * changes, three numbers added to the class scores of any text that has the feature.
 * Applying it costs one map lookup per feature of the text.
 */
export class BrandOverlay implements LogitAdjustment {
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly baseModel: string,
    rows: ArrayLike<number>,
    private readonly deltas: Float32Array,
  ) {
    for (let i = 0; i < rows.length; i++) this.offsets.set(rows[i]!, i * 3);
  }

  /** Feature rows it changes. */
  get size(): number {
    return this.offsets.size;
  }

  adjust(index: Int32Array, value: Float32Array, length: number, logits: Float64Array): void {
    const d = this.deltas;
    for (let k = 0; k < length; k++) {
      const o = this.offsets.get(index[k]!);
      if (o === undefined) continue;
      const v = value[k]!;
      logits[0]! += d[o]! * v;
      logits[1]! += d[o + 1]! * v;
      logits[2]! += d[o + 2]! * v;
    }
  }

  /** The stored form: rows ascending, values quantised to 1/10,000, rows that round to nothing dropped. */
  toJson(): OverlayJson {
    const entries = [...this.offsets].sort((a, b) => a[0] - b[0]);
    const rows: number[] = [];
    const values: number[] = [];
    for (const [row, o] of entries) {
      const q = [0, 1, 2].map((c) => Math.round(this.deltas[o + c]! * QUANTUM));
      if (q.every((x) => x === 0)) continue;
      rows.push(row);
      values.push(...q);
    }
    return { format: OVERLAY_FORMAT, baseModel: this.baseModel, rows, values, scale: QUANTUM };
  }

  /**
   * Reads a stored overlay.
   *
   * @throws Error naming what is wrong; the brand model should then be retrained.
   */
  static fromJson(json: unknown): BrandOverlay {
    const parsed = OverlayJsonSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Brand model is not a valid ${OVERLAY_FORMAT} overlay (${issue?.path.join('.') || 'root'}: ${issue?.message}); retrain it with \`earshot retrain --brand <name>\`.`,
      );
    }
    const o = parsed.data;
    const deltas = new Float32Array(o.values.length);
    for (let i = 0; i < deltas.length; i++) deltas[i] = o.values[i]! / o.scale;
    return new BrandOverlay(o.baseModel, o.rows, deltas);
  }
}
