import { sql } from 'kysely';
import type { Database } from '../client.ts';

export const STREAM_FAILING_ALERT = 'stream-failing';

/**
 * Opens an alert for each enabled stream failing for longer than `afterMs`, and resolves
 * the alerts of streams that recovered or were disabled. Idempotent (one open alert per
 * stream, by `alerts_open_stream_idx`); returns how many alerts changed.
 */
export async function syncStreamFailureAlerts(db: Database, afterMs: number): Promise<number> {
  const raised = await sql`
    insert into alerts (kind, brand_id, stream_id, message)
    select ${STREAM_FAILING_ALERT}, s.brand_id, s.id,
           'Stream "' || s.name || '" (' || s.platform || ') has been failing since '
             || to_char(s.failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC: ' || coalesce(s.last_error, 'unknown error')
    from streams s
    where s.enabled and s.failing_since < now() - ${`${afterMs} milliseconds`}::interval
    on conflict (kind, stream_id) where resolved_at is null do nothing`.execute(db);
  const resolved = await sql`
    update alerts a set resolved_at = now()
    from streams s
    where a.kind = ${STREAM_FAILING_ALERT} and a.resolved_at is null and a.stream_id = s.id
      and (s.failing_since is null or not s.enabled)`.execute(db);
  return Number(raised.numAffectedRows ?? 0) + Number(resolved.numAffectedRows ?? 0);
}
