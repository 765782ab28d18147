import { sql } from 'kysely';
import type { CorrectionField } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export interface BrandAgreement {
  brandId: string;
  brandName: string;
  /** Correction rows recorded, including repeated ones for the same mention. */
  corrections: number;
  /** Mentions stored for the brand: every stored mention was classified. */
  analysed: number;
  /** Mentions whose final human value differs from the model's, per field. */
  overruled: Record<CorrectionField, number>;
  /** 1 − overruled / analysed per field; null when nothing was analysed. */
  agreement: Record<CorrectionField, number | null>;
  /** The newest sentiment or intent correction (what a brand model learns from), to the millisecond. */
  latestLabelAt: Date | null;
}

/**
 * How often agents agree with the model, per brand in `scope`, by name. A field counts as
 * overruled once per mention, by its latest correction, and not at all if the agent put the
 * model's value back. Full scan of corrections (bounded by what agents corrected by hand: it grows
 * with people's work, not with mentions) and an index-only count of each brand's mentions over
 * `mentions_brand_posted_idx` (grows with mentions: O(mentions) per call). Asked only when a
 * manager opens the model-quality page, never by the inbox; bounding it with the mention rollups
 * (`mention_rollups`) is the next step if that page gets slow.
 */
export async function findBrandAgreement(db: Database, scope: BrandScope): Promise<BrandAgreement[]> {
  const { rows } = await sql<{
    brand_id: string;
    brand_name: string;
    corrections: number;
    analysed: number;
    sentiment: number;
    intent: number;
    priority: number;
    latest_label_at: Date | null;
  }>`
    with latest as (
      select distinct on (mention_id, field) brand_id, field, corrected_value <> model_value as changed
      from corrections
      order by mention_id, field, created_at desc, id desc
    ), overruled as (
      select brand_id,
        count(*) filter (where field = 'sentiment' and changed) as sentiment,
        count(*) filter (where field = 'intent' and changed) as intent,
        count(*) filter (where field = 'priority' and changed) as priority
      from latest group by brand_id
    ), made as (
      select brand_id, count(*) as n,
        date_trunc('milliseconds', max(created_at) filter (where field in ('sentiment', 'intent'))) as latest_label_at
      from corrections group by brand_id
    ), analysed as (
      select brand_id, count(*) as n from mentions group by brand_id
    )
    select b.id as brand_id, b.name as brand_name,
      coalesce(made.n, 0) as corrections, coalesce(analysed.n, 0) as analysed,
      coalesce(o.sentiment, 0) as sentiment, coalesce(o.intent, 0) as intent, coalesce(o.priority, 0) as priority,
      made.latest_label_at
    from brands b
    left join made on made.brand_id = b.id
    left join analysed on analysed.brand_id = b.id
    left join overruled o on o.brand_id = b.id
    where ${brandScopeSql(scope, 'b.id')}
    order by b.name`.execute(db);
  return rows.map((r) => {
    const analysed = Number(r.analysed);
    const overruled = { sentiment: Number(r.sentiment), intent: Number(r.intent), priority: Number(r.priority) };
    const rate = (n: number) => (analysed === 0 ? null : 1 - n / analysed);
    return {
      brandId: r.brand_id,
      brandName: r.brand_name,
      corrections: Number(r.corrections),
      analysed,
      overruled,
      agreement: { sentiment: rate(overruled.sentiment), intent: rate(overruled.intent), priority: rate(overruled.priority) },
      latestLabelAt: r.latest_label_at,
    };
  });
}
