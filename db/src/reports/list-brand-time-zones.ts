import type { Database } from '../client.ts';

/** Every brand's id and the time zone of its SLA policy ("UTC" without one). Scans brands (small). */
export async function listBrandTimeZones(db: Database): Promise<{ brandId: string; timeZone: string }[]> {
  const rows = await db
    .selectFrom('brands as b')
    .leftJoin('sla_policies as p', 'p.brand_id', 'b.id')
    .select(['b.id as brandId', 'p.time_zone as timeZone'])
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({ brandId: r.brandId, timeZone: r.timeZone ?? 'UTC' }));
}
