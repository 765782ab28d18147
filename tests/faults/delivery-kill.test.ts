import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  CredentialBox,
  ensureBrand,
  generateWebhookSecret,
  insertNotification,
  insertNotificationChannel,
  JobBus,
  queueNotificationDeliveries,
  storeWebhookSecret,
  type Database,
} from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import {
  createTestDatabase,
  startChildEarshot,
  type ChildEarshot,
} from '../support/child-earshot.ts';
import { waitForQueueIdle } from '../support/settled.ts';
import { waitFor } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

describe('a webhook is delivered once even when the worker dies mid-delivery', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let bus: JobBus;
  let receiver: WebhookReceiver;
  const prefix = testPrefix();
  const children: ChildEarshot[] = [];
  const earshotSecret = `delivery-kill-${prefix}-0123456789abcdef`;
  const signingSecret = generateWebhookSecret();
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
    bus = new JobBus({ redisUrl: testRedisUrl, prefix });
    receiver = await startWebhookReceiver(signingSecret);
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      EARSHOT_QUEUE_PREFIX: prefix,
      EARSHOT_SECRET: earshotSecret,
      EARSHOT_DEMO: 'off',
      // The killed worker's delivery job is taken over within 6 s instead of 15 s.
      EARSHOT_JOB_LOCK_MS: '4000',
      EARSHOT_ADMIN_PASSWORD: 'not-used-in-this-test',
      PORT: '0',
    };
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await receiver?.close();
    await bus?.close();
    await db?.destroy();
    await database?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('re-sends the interrupted delivery under the same id; the receiver processes it once', async () => {
    const start = async () => {
      // The limit catches a start that hangs; on a loaded machine a healthy one can take 30 s.
      const child = await startChildEarshot(['worker'], env, { startTimeoutMs: 90_000 });
      children.push(child);
      return child;
    };
    // The first worker migrates the database.
    const worker1 = await start();
    const brand = await ensureBrand(db, 'Acme Air');
    await insertNotificationChannel(db, {
      brandId: brand.id,
      kind: 'webhook',
      name: 'Ops webhook',
      config: { url: receiver.url, format: 'json' },
      signingSecret: storeWebhookSecret(new CredentialBox(earshotSecret), signingSecret),
    });

    // The receiver takes the first request in, processes it, and never answers: the worker dies waiting.
    receiver.plan('hang');
    const { deliveries } = await db
      .transaction()
      .execute((trx) =>
        insertNotification(trx, {
          brandId: brand.id,
          kind: 'spike',
          severity: 'high',
          title: 'Negative spike',
          text: '31 negative mentions in 10 minutes',
        }),
      );
    await queueNotificationDeliveries(bus, deliveries);
    const id = deliveries[0]!.id;
    const row = () =>
      db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    await waitFor(
      'the first request to reach the receiver',
      async () => receiver.received.length === 1,
      30_000,
    );
    expect((await row()).state).toBe('sending');
    await worker1.kill();

    // Another worker finds the stalled job, finds the row still `sending`, and sends again.
    await start();
    const done = await waitFor(
      'the delivery to be stored as delivered',
      async () => {
        const r = await row();
        return r.state === 'delivered' ? r : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ attempts: 2, response_status: 200, last_error: null });
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
    expect(new Set(receiver.received.map((r) => r.deliveryId))).toEqual(new Set([id]));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.processed).toEqual([id]);

    // And it stays that way: no retry is waiting, delayed or running (the sweeper only re-queues
    // deliveries not yet delivered, and this one is).
    const seen = receiver.received.length;
    await waitForQueueIdle(bus, 'deliverNotification');
    expect(receiver.received.length).toBe(seen);
  }, 150_000);
});
