// Delivery throughput and latency: N notifications, each to two signed webhooks on loopback
// (one JSON, one Slack-compatible), through the worker's real delivery consumers on the real
// PostgreSQL and Redis. Prints deliveries/s (until every row is stored delivered) and the
// latency from queuing to the receiver having the request,
// at the default concurrency (8) and at 1, in one run so the ratio is meaningful.
//
//   npm run bench:delivery            (NOTIFICATIONS=300 by default: 600 deliveries per round)
import { performance } from 'node:perf_hooks';
import {
  CredentialBox,
  ensureBrand,
  generateWebhookSecret,
  insertNotification,
  insertNotificationChannel,
  JobBus,
  queueNotificationDeliveries,
  silentLogger,
  storeWebhookSecret,
} from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { startDelivery } from '@earshot/worker';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

const NOTIFICATIONS = Number(process.env.NOTIFICATIONS ?? 300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function round(concurrency: number) {
  const t = await createTestDb();
  const prefix = testPrefix();
  const bus = new JobBus({ redisUrl: testRedisUrl, prefix });
  const runtime = { db: t.db, bus, logger: silentLogger };
  const box = new CredentialBox(`bench-delivery-${prefix}-0123456789`);
  const secret = generateWebhookSecret();
  const receiver = await startWebhookReceiver(secret);
  const brand = await ensureBrand(t.db, 'Bench Air');
  for (const format of ['json', 'slack'] as const) {
    await insertNotificationChannel(t.db, {
      brandId: brand.id,
      kind: 'webhook',
      name: format,
      config: { url: receiver.url, format },
      signingSecret: storeWebhookSecret(box, secret),
    });
  }
  // Stored first, then queued at once: the figures are the delivery path's, not the inserts'.
  const ids: string[] = [];
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const { deliveries } = await t.db.transaction().execute((trx) =>
      insertNotification(trx, {
        brandId: brand.id,
        kind: 'spike',
        severity: 'high',
        title: `Spike ${i}`,
        text: 'Negative mentions 5× the usual',
        details: {
          explanation: 'Observed 25 against a baseline of 5 in 10 minutes.',
          examples: [{ text: 'lost my bag', author: 'someone' }],
        },
      }),
    );
    ids.push(...deliveries.map((d) => d.id));
  }
  const role = startDelivery(runtime, { credentialBox: box, concurrency });
  const queuedAt = new Map<string, number>();
  const started = performance.now();
  for (const id of ids) {
    queuedAt.set(id, performance.now());
    await queueNotificationDeliveries(bus, [{ id }]);
  }
  const total = ids.length;
  // Arrival at the receiver, stamped by watching its log.
  const latencies: number[] = [];
  let stamped = 0;
  for (;;) {
    const now = performance.now();
    for (; stamped < receiver.received.length; stamped++)
      latencies.push(now - queuedAt.get(receiver.received[stamped]!.deliveryId!)!);
    if (stamped >= total) {
      const { n } = await t.db
        .selectFrom('notification_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'delivered')
        .executeTakeFirstOrThrow();
      if (n >= total) break;
    }
    if (now - started > 120_000)
      throw new Error(`Only ${stamped} of ${total} arrived in 2 minutes.`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const elapsed = (performance.now() - started) / 1000;
  const verified = receiver.received.filter((r) => r.verified).length;
  await role.stop();
  await bus.close();
  await receiver.close();
  await t.drop();
  await deleteRedisPrefix(testRedisUrl, prefix);
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    total,
    elapsed,
    verified,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

const results = [await round(8), await round(1)];
console.log(
  `\n${NOTIFICATIONS} notifications × 2 signed webhooks on loopback (stored first, then queued; latency = queued → received)\n`,
);
console.log(
  'concurrency | deliveries | deliveries/s | queued→received p50 / p95 / p99 (ms) | signatures verified',
);
for (const r of results) {
  console.log(
    `${String(r.concurrency).padStart(11)} | ${String(r.total).padStart(10)} | ${(r.total / r.elapsed).toFixed(0).padStart(12)} | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.p99.toFixed(0)}`.padEnd(
      80,
    ) + ` | ${r.verified}/${r.total}`,
  );
}
process.exit(0);
