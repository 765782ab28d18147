import { sql } from 'kysely';
import type { BrandModelEvaluation } from '../schema.ts';
import type { Database } from '../client.ts';

export interface BrandModelInput {
  brandId: string;
  baseModel: string;
  overlay: unknown;
  labels: number;
  confirmations: number;
  evaluation: BrandModelEvaluation;
  labelsUntil: Date | null;
}

/**
 * Stores a brand's newly trained model, replacing the previous one, unless a concurrent
 * training of the same shared model already stored one that learnt from newer corrections.
 * Returns false when this one was the older and was dropped.
 */
export async function upsertBrandModel(db: Database, m: BrandModelInput): Promise<boolean> {
  const row = await db
    .insertInto('brand_models')
    .values({
      brand_id: m.brandId,
      base_model: m.baseModel,
      overlay: JSON.stringify(m.overlay),
      labels: m.labels,
      confirmations: m.confirmations,
      evaluation: JSON.stringify(m.evaluation),
      labels_until: m.labelsUntil,
      trained_at: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc
        .column('brand_id')
        .doUpdateSet((eb) => ({
          base_model: eb.ref('excluded.base_model'),
          overlay: eb.ref('excluded.overlay'),
          labels: eb.ref('excluded.labels'),
          confirmations: eb.ref('excluded.confirmations'),
          evaluation: eb.ref('excluded.evaluation'),
          labels_until: eb.ref('excluded.labels_until'),
          trained_at: eb.ref('excluded.trained_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('brand_models.base_model', '<>', eb.ref('excluded.base_model')),
            eb(sql`coalesce(excluded.labels_until, '-infinity')`, '>=', sql`coalesce(brand_models.labels_until, '-infinity')`),
          ]),
        ),
    )
    .returning('brand_id')
    .executeTakeFirst();
  return row !== undefined;
}
