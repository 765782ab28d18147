import {
  CredentialBox,
  ensureBrand,
  insertNotification,
  JobBus,
  queueNotificationDeliveries,
  silentLogger,
  type NewNotification,
  type Runtime,
} from '@earshot/db';
import {
  createTestDb,
  deleteRedisPrefix,
  testPrefix,
  testRedisUrl,
  type TestDb,
} from '@earshot/db/testing';
import { startDelivery, type DeliveryOptions, type DeliveryRole } from '@earshot/worker';
import { waitFor } from './start-test-app.ts';

export interface DeliveryHarness {
  t: TestDb;
  runtime: Runtime;
  box: CredentialBox;
  brandId: string;
  /** Stores a notification with its deliveries, commits, then queues them: what the detector and the report do. */
  notify(
    input: Omit<NewNotification, 'brandId'> & { brandId?: string | null },
  ): Promise<{ notificationId: string; deliveryIds: string[] }>;
  delivery(
    id: string,
  ): Promise<{
    state: string;
    attempts: number;
    last_error: string | null;
    response_status: number | null;
    digest_id: string | null;
  }>;
  /**
   * Resolves once the delivery queue holds no job waiting, delayed (a retry) or running: after
   * it, nothing more will be sent unless something queues again. Instead of sleeping "long
   * enough" to see that no retry comes.
   */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A migrated schema, a queue prefix and the worker's delivery consumers, all of this test's own. */
export async function startDeliveryHarness(
  options: Omit<DeliveryOptions, 'credentialBox'> | null = {},
): Promise<DeliveryHarness> {
  const t = await createTestDb();
  const prefix = testPrefix();
  const bus = new JobBus({ redisUrl: testRedisUrl, prefix });
  const runtime: Runtime = { db: t.db, bus, logger: silentLogger };
  const box = new CredentialBox(`delivery-test-secret-${prefix}-0123456789`);
  const role: DeliveryRole | undefined =
    options === null
      ? undefined
      : startDelivery(runtime, { credentialBox: box, webhookTimeoutMs: 3_000, ...options });
  const brand = await ensureBrand(t.db, 'Acme Air');
  return {
    t,
    runtime,
    box,
    brandId: brand.id,
    async notify(input) {
      const { notification, deliveries } = await t.db
        .transaction()
        .execute((trx) =>
          insertNotification(trx, {
            ...input,
            brandId: input.brandId === undefined ? brand.id : input.brandId,
          }),
        );
      await queueNotificationDeliveries(bus, deliveries);
      return { notificationId: notification.id, deliveryIds: deliveries.map((d) => d.id) };
    },
    delivery: (id) =>
      t.db
        .selectFrom('notification_deliveries')
        .select(['state', 'attempts', 'last_error', 'response_status', 'digest_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    async idle(timeoutMs = 20_000) {
      const queue = bus.queue('deliverNotification');
      await waitFor(
        'the delivery queue to be idle',
        async () => {
          const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        },
        timeoutMs,
      );
    },
    async stop() {
      await role?.stop();
      await bus.close();
      await t.drop();
      await deleteRedisPrefix(testRedisUrl, prefix);
    },
  };
}

/** A storm's explanation as the detector will write it. */
export const stormDetails = {
  explanation:
    'Negative mentions are 6.2× the usual for Tuesday 14:00 (31 in 10 minutes against 5), driven by "lost bag" and #AcmeFail.',
  figures: [
    { label: 'Observed', value: 31 },
    { label: 'Baseline', value: 5 },
    { label: 'Window', value: '10 min' },
  ],
  examples: [
    {
      text: 'Acme lost my bag AGAIN, third time this year',
      author: 'traveller_jo',
      platform: 'x',
      url: 'https://x.com/traveller_jo/status/1',
    },
    {
      text: 'Two hours at the carousel and no bag. #AcmeFail',
      author: 'sam_flies',
      platform: 'bluesky',
    },
  ],
};
