import { JobBus, silentLogger, type Runtime } from '@earshot/db';
import {
  createTestDb,
  deleteRedisPrefix,
  testPrefix,
  testRedisUrl,
  type TestDb,
} from '@earshot/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerRole } from '../start-worker.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// The worker role end to end: its job scheduler is in Redis, and a detectSpikes job run by the
// worker reads real rollups and opens a spike alert in PostgreSQL.
describe('worker: spike detection job', () => {
  let t: TestDb;
  let prefix: string;
  let runtime: Runtime;
  let worker: WorkerRole;

  beforeAll(async () => {
    t = await createTestDb();
    prefix = testPrefix();
    runtime = {
      db: t.db,
      bus: new JobBus({ redisUrl: testRedisUrl, prefix }),
      logger: silentLogger,
    };
  });
  afterAll(async () => {
    await worker?.stop();
    await runtime.bus.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('schedules a tick every minute and, run by the worker, raises an alert for a storm in the rollups', async () => {
    // A brand ten hours old (its profile comes from recent hours): one negative mention a
    // minute, then twelve a minute for the last ten whole minutes.
    const now = Date.now();
    const lastWhole = Math.floor(now / MINUTE) * MINUTE - MINUTE;
    const [brand] = await t.db
      .insertInto('brands')
      .values({ name: 'Storming', created_at: new Date(now - 10 * HOUR) })
      .returning('id')
      .execute();
    const zero = {
      neutral: 0,
      positive: 0,
      complaint: 0,
      question: 0,
      praise: 0,
      other: 0,
      spam: 0,
    };
    const hours = Array.from(
      { length: 9 },
      (_, i) => Math.floor(now / HOUR) * HOUR - (i + 1) * HOUR,
    );
    await t.db
      .insertInto('rollup_hours')
      .values(
        hours.map((h) => ({
          brand_id: brand!.id,
          platform: 'demo',
          bucket: new Date(h),
          total: 60,
          negative: 60,
          ...zero,
        })),
      )
      .execute();
    const minutes = Array.from({ length: 70 }, (_, i) => lastWhole - i * MINUTE);
    await t.db
      .insertInto('rollup_minutes')
      .values(
        minutes.map((m, i) => ({
          brand_id: brand!.id,
          platform: 'demo',
          bucket: new Date(m),
          total: i < 10 ? 12 : 1,
          negative: i < 10 ? 12 : 1,
          ...zero,
        })),
      )
      .execute();

    worker = startWorker(runtime, { brandModelCheckMs: 60_000 });
    await runtime.bus.enqueue('detectSpikes', {});
    let alerts: { message: string; status: string }[] = [];
    for (let i = 0; i < 100 && alerts.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      alerts = await t.db
        .selectFrom('alerts')
        .select(['message', 'status'])
        .where('brand_id', '=', brand!.id)
        .execute();
    }
    expect(alerts).toEqual([
      {
        status: 'open',
        message: expect.stringMatching(
          /^Negative mentions: \d+ in \d+ min, [\d.]+× the [\d.]+ normal from the last hours/,
        ),
      },
    ]);
    const schedulers = await runtime.bus.queue('detectSpikes').getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key)).toContain('detect-spikes-every-minute');
    expect(schedulers.find((s) => s.key === 'detect-spikes-every-minute')?.every).toBe(60_000);
  });
});
