import { sql } from 'kysely';
import type { SlaPolicy } from '../schema.ts';
import type { SlaPolicyValues } from '@earshot/policy';
import type { Database } from '../client.ts';

/**
 * Creates or replaces the brand's SLA policy and returns the stored row. Takes values already
 * validated by `SlaPolicyInputSchema`. In a transaction, the row stays locked until commit, so
 * two admins saving at once apply one after the other. Primary key (brand_id).
 */
export async function upsertSlaPolicy(db: Database, brandId: string, values: SlaPolicyValues): Promise<SlaPolicy> {
  // jsonb columns get JSON text: pg would send a JS array as a Postgres array.
  const row = {
    time_zone: values.timeZone,
    targets_minutes: JSON.stringify(values.targetsMinutes),
    business_hours: values.businessHours === null ? null : JSON.stringify(values.businessHours),
    holidays: JSON.stringify(values.holidays),
    ...(values.alertLeadMinutes !== undefined ? { alert_lead_minutes: values.alertLeadMinutes } : {}),
    updated_at: sql<Date>`now()`,
  };
  return db
    .insertInto('sla_policies')
    .values({ brand_id: brandId, ...row })
    .onConflict((oc) => oc.column('brand_id').doUpdateSet(row))
    .returningAll()
    .executeTakeFirstOrThrow();
}
