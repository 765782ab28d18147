import { sql, type Kysely } from 'kysely';

// The analyze transaction's first statement (takePageForAnalysis) also takes the brand's shared
// incident lock and reads its open incidents. Inside one plain statement the read would use the
// statement's snapshot, taken before the lock was granted: an incident committed by a detection
// tick the statement waited for would be missed, and the page's mentions would belong to no
// incident. A VOLATILE function takes a fresh snapshot for each query it runs, so this one reads
// after the lock is held, as the two separate statements did. The lock key is passed in (built
// by incidentLockKeySql, the one definition shared with lockBrandIncidents).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function lock_and_list_open_brand_incidents(brand uuid, lock_key bigint) returns jsonb
    language sql volatile as $$
      select pg_advisory_xact_lock_shared(lock_key);
      select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'terms', i.terms, 'match', i.match, 'deadline_factor', i.deadline_factor)), '[]'::jsonb)
      from incidents i
      join alerts a on a.id = i.alert_id
      where i.brand_id = brand and a.resolved_at is null;
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists lock_and_list_open_brand_incidents(uuid, bigint)`.execute(db);
}
