import type { Brand, SlaPolicy } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The brand a report is asked for, by id or exact name, with its SLA policy (whose time zone
 * and business hours the report uses), or undefined. Primary key or unique name lookup.
 */
export async function findReportBrand(
  db: Database,
  nameOrId: string,
): Promise<{ brand: Brand; policy: SlaPolicy | undefined } | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const brand = await db
    .selectFrom('brands')
    .selectAll()
    .where((eb) =>
      isUuid
        ? eb.or([eb('id', '=', nameOrId), eb('name', '=', nameOrId)])
        : eb('name', '=', nameOrId),
    )
    .executeTakeFirst();
  if (!brand) return undefined;
  const policy = await db
    .selectFrom('sla_policies')
    .selectAll()
    .where('brand_id', '=', brand.id)
    .executeTakeFirst();
  return { brand, policy };
}
