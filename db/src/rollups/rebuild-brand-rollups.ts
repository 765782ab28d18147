import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import { lockBrandRollups } from './lock-brand-rollups.ts';
import { bucketOf, COUNT_COLUMN_LIST, COUNT_MENTIONS, KEY_COLUMN_LIST, SUM_COUNTS } from './rollup-sql.ts';
import type { Database } from '../client.ts';

export interface RebuildOutcome {
  /** Mentions counted in the range. */
  mentions: number;
  /** Rows written. */
  minutes: number;
  hours: number;
}

const HOUR_MS = 3_600_000;

/**
 * Recounts one brand's rollups in [from, to) from `mentions` in one transaction: deletes the
 * range's minute and hour rows and inserts them again (minutes by GROUP BY over mentions,
 * hours from those minutes). Holds the brand's exclusive rollup lock, so live writes of that
 * brand wait for it and none is lost. `from` and `to` must be whole UTC hours (hour rows are
 * replaced whole); keep ranges short (a day) so live writes wait little.
 * Returns what was counted. Served by `mentions_brand_posted_idx` and the `*_key` indexes.
 */
export async function rebuildBrandRollups(db: Database, brandId: string, from: Date, to: Date): Promise<RebuildOutcome> {
  if (from.getTime() % HOUR_MS !== 0 || to.getTime() % HOUR_MS !== 0 || !(from < to)) {
    throw new AppError('BAD_REQUEST', `A rollup rebuild needs a range of whole UTC hours, from before to; got ${from.toISOString()} to ${to.toISOString()}.`);
  }
  return db.transaction().execute(async (trx) => {
    await lockBrandRollups(trx, brandId, 'exclusive');
    await trx.deleteFrom('rollup_minutes').where('brand_id', '=', brandId).where('bucket', '>=', from).where('bucket', '<', to).execute();
    await trx.deleteFrom('rollup_hours').where('brand_id', '=', brandId).where('bucket', '>=', from).where('bucket', '<', to).execute();
    const minutes = await sql<{ total: number }>`
      insert into rollup_minutes (${KEY_COLUMN_LIST}, ${COUNT_COLUMN_LIST})
      select brand_id, ${bucketOf('minute')}, stream_id, platform, ${COUNT_MENTIONS}
      from mentions
      where brand_id = ${brandId} and posted_at >= ${from} and posted_at < ${to}
      group by 1, 2, 3, 4
      returning total`.execute(trx);
    const hours = await sql`
      insert into rollup_hours (${KEY_COLUMN_LIST}, ${COUNT_COLUMN_LIST})
      select brand_id, ${bucketOf('hour', sql.ref('bucket'))}, stream_id, platform, ${SUM_COUNTS}
      from rollup_minutes
      where brand_id = ${brandId} and bucket >= ${from} and bucket < ${to}
      group by 1, 2, 3, 4`.execute(trx);
    return {
      mentions: minutes.rows.reduce((n, r) => n + r.total, 0),
      minutes: minutes.rows.length,
      hours: Number(hours.numAffectedRows ?? 0),
    };
  });
}
