import { ALL_BRANDS } from '../brand-access/brand-scope.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { CredentialBox } from '../secrets/credential-box.ts';
import { insertNotificationChannel } from './insert-notification-channel.ts';
import { insertNotification } from './insert-notification.ts';
import { transitionDelivery } from './transition-delivery.ts';
import { claimHeldDeliveries } from './claim-held-deliveries.ts';
import { findDigest } from './find-digest.ts';
import { findStuckDeliveries } from './find-stuck-deliveries.ts';
import { listNotificationDeliveries } from './list-notification-deliveries.ts';
import { listSourceDeliveries } from './list-source-deliveries.ts';
import { listChannelDeliveries } from './list-channel-deliveries.ts';
import { updateNotificationChannel } from './update-notification-channel.ts';
import { generateWebhookSecret, openWebhookSecret, storeWebhookSecret } from './webhook-secret.ts';

describe('notifications and their deliveries', () => {
  let t: TestDb;
  let acme: string;
  let zeta: string;
  const channels: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb();
    [acme, zeta] = (
      await t.db
        .insertInto('brands')
        .values([{ name: 'Acme' }, { name: 'Zeta' }])
        .returning('id')
        .execute()
    ).map((r) => r.id) as [string, string];
    const add = async (key: string, input: Parameters<typeof insertNotificationChannel>[1]) => {
      channels[key] = (await insertNotificationChannel(t.db, input)).id;
    };
    await add('everyBrandEmail', {
      brandId: null,
      kind: 'email',
      name: 'Team',
      config: { recipients: ['team@example.com'] },
    });
    await add('acmeHighWebhook', {
      brandId: acme,
      kind: 'webhook',
      name: 'Acme pager',
      config: { url: 'https://hooks.example.com/acme', format: 'slack' },
      signingSecret: storeWebhookSecret(undefined, 'whsec_x'),
      minSeverity: 'high',
    });
    await add('zetaEmail', {
      brandId: zeta,
      kind: 'email',
      name: 'Zeta',
      config: { recipients: ['zeta@example.com'] },
    });
    await add('acmeDisabled', {
      brandId: acme,
      kind: 'email',
      name: 'Off',
      config: { recipients: ['off@example.com'] },
      enabled: false,
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('rejects a channel config that does not fit its kind', async () => {
    await expect(
      insertNotificationChannel(t.db, {
        brandId: null,
        kind: 'email',
        name: 'Bad',
        config: { recipients: ['not an address'] },
      }),
    ).rejects.toThrow(/email/);
    await expect(
      insertNotificationChannel(t.db, {
        brandId: null,
        kind: 'webhook',
        name: 'Bad',
        config: { url: 'ftp://x' },
        signingSecret: 'plain.x',
      }),
    ).rejects.toThrow(/http/);
    await expect(
      updateNotificationChannel(t.db, channels.zetaEmail!, {
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' },
      }),
    ).rejects.toThrow(/time zone/);
  });

  it('creates one pending delivery per channel that applies: brand, severity, enabled', async () => {
    const low = await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      severity: 'low',
      title: 'Small spike',
      text: 'x',
    });
    expect(low.deliveries.map((d) => d.channelId).sort()).toEqual(
      [channels.everyBrandEmail].sort(),
    );
    const high = await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      severity: 'high',
      title: 'Storm',
      text: 'x',
    });
    expect(high.deliveries.map((d) => d.channelId).sort()).toEqual(
      [channels.everyBrandEmail, channels.acmeHighWebhook].sort(),
    );
    const zetaHigh = await insertNotification(t.db, {
      brandId: zeta,
      kind: 'sla',
      severity: 'high',
      title: 'Breaches',
      text: 'x',
    });
    expect(zetaHigh.deliveries.map((d) => d.channelId).sort()).toEqual(
      [channels.everyBrandEmail, channels.zetaEmail].sort(),
    );
    const install = await insertNotification(t.db, {
      brandId: null,
      kind: 'system',
      severity: 'high',
      title: 'Install',
      text: 'x',
    });
    expect(install.deliveries.map((d) => d.channelId)).toEqual([channels.everyBrandEmail]);
    const onlyRule = await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      severity: 'high',
      title: 'Rule',
      text: 'x',
      channelIds: [channels.acmeHighWebhook!, channels.zetaEmail!],
    });
    expect(onlyRule.deliveries.map((d) => d.channelId)).toEqual([channels.acmeHighWebhook]);

    const update = await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      sourceId: 'alert-7',
      severity: 'high',
      title: 'Storm grows',
      text: 'x',
    });
    await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      sourceId: 'alert-8',
      severity: 'high',
      title: 'Another storm',
      text: 'x',
    });
    const bySource = await listSourceDeliveries(t.db, 'spike', 'alert-7');
    expect(bySource.map((d) => [d.title, d.channel_name])).toEqual([
      ['Storm grows', 'Acme pager'],
      ['Storm grows', 'Team'],
    ]);
    expect(bySource.every((d) => d.notification_id === update.notification.id)).toBe(true);

    const pagerHistory = await listChannelDeliveries(t.db, channels.acmeHighWebhook!, 2);
    expect(pagerHistory.map((d) => d.title)).toEqual(['Another storm', 'Storm grows']);

    const log = await listNotificationDeliveries(t.db, high.notification.id, ALL_BRANDS);
    expect(log.map((d) => [d.channel_name, d.state])).toEqual([
      ['Acme pager', 'pending'],
      ['Team', 'pending'],
    ]);
  });

  it("is stored with the caller's transaction: a rollback leaves neither notification nor deliveries", async () => {
    const before = await t.db
      .selectFrom('notification_deliveries')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await insertNotification(trx, {
          brandId: acme,
          kind: 'spike',
          severity: 'high',
          title: 'Rolled back',
          text: 'x',
        });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    const after = await t.db
      .selectFrom('notification_deliveries')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(
      await t.db
        .selectFrom('notifications')
        .select('id')
        .where('title', '=', 'Rolled back')
        .execute(),
    ).toHaveLength(0);
  });

  it('lets only one process move a delivery from pending to sending', async () => {
    const { deliveries } = await insertNotification(t.db, {
      brandId: zeta,
      kind: 'sla',
      severity: 'low',
      title: 'Race',
      text: 'x',
    });
    const id = deliveries.find((d) => d.channelId === channels.zetaEmail)!.id;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        transitionDelivery(t.db, id, ['pending'], 'sending', { countAttempt: true }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const done = await transitionDelivery(t.db, id, ['sending'], 'delivered', {
      responseStatus: 250,
    });
    expect(done).toMatchObject({
      state: 'delivered',
      attempts: 1,
      response_status: 250,
      last_error: null,
    });
    expect(done!.delivered_at).toBeInstanceOf(Date);
  });

  it("claims a channel's held deliveries due as one digest under its oldest delivery's id", async () => {
    const release = new Date(Date.now() - 60_000);
    const later = new Date(Date.now() + 3_600_000);
    const ids: string[] = [];
    for (const [i, at] of [release, release, later].entries()) {
      const { deliveries } = await insertNotification(t.db, {
        brandId: zeta,
        kind: 'sla',
        severity: 'low',
        title: `Held ${i}`,
        text: 'x',
      });
      const id = deliveries.find((d) => d.channelId === channels.zetaEmail)!.id;
      // Distinct creation times, so "oldest" does not depend on the clock's resolution.
      await sql`update notification_deliveries set created_at = ${new Date(Date.now() - 10_000 + i)} where id = ${id}`.execute(
        t.db,
      );
      expect(
        await transitionDelivery(t.db, id, ['pending'], 'held', { releaseAt: at }),
      ).toBeDefined();
      ids.push(id);
    }
    const digestId = await claimHeldDeliveries(t.db, channels.zetaEmail!, new Date());
    expect(digestId).toBe(ids[0]);
    const digest = await findDigest(t.db, digestId!);
    expect(digest.map((d) => d.notification.title)).toEqual(['Held 0', 'Held 1']);
    expect(digest.every((d) => d.delivery.state === 'sending' && d.delivery.attempts === 1)).toBe(
      true,
    );
    // Nothing else is due, and the not-yet-due row stays held.
    expect(await claimHeldDeliveries(t.db, channels.zetaEmail!, new Date())).toBeUndefined();
    const third = await t.db
      .selectFrom('notification_deliveries')
      .select('state')
      .where('id', '=', ids[2]!)
      .executeTakeFirstOrThrow();
    expect(third.state).toBe('held');
  });

  it('finds unfinished deliveries left alone too long, and held ones only once due', async () => {
    const { deliveries } = await insertNotification(t.db, {
      brandId: acme,
      kind: 'spike',
      severity: 'high',
      title: 'Lost job',
      text: 'x',
    });
    const old = sql<Date>`now() - interval '10 minutes'`;
    await t.db
      .updateTable('notification_deliveries')
      .set({ updated_at: old })
      .where(
        'id',
        'in',
        deliveries.map((d) => d.id),
      )
      .execute();
    const stuck = await findStuckDeliveries(t.db, 60_000, 100);
    for (const d of deliveries) expect(stuck.deliveryIds).toContain(d.id);
    // The digest rows above (sending, fresh) and the held row due in an hour are not stuck.
    expect(stuck.digests).toEqual([]);
    await t.db
      .updateTable('notification_deliveries')
      .set({ updated_at: old })
      .where('state', 'in', ['held', 'sending'])
      .execute();
    const again = await findStuckDeliveries(t.db, 60_000, 100);
    expect(again.digests.map((d) => d.channelId)).toEqual([channels.zetaEmail]);
  });

  it('seals webhook secrets with EARSHOT_SECRET when set, and opens both forms', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const box = new CredentialBox('k'.repeat(40));
    const sealed = storeWebhookSecret(box, secret);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(openWebhookSecret(box, sealed)).toBe(secret);
    expect(() => openWebhookSecret(new CredentialBox('j'.repeat(40)), sealed)).toThrow(
      /EARSHOT_SECRET/,
    );
    expect(() => openWebhookSecret(undefined, sealed)).toThrow(/EARSHOT_SECRET/);
    expect(openWebhookSecret(box, storeWebhookSecret(undefined, secret))).toBe(secret);
  });
});
