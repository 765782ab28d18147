import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type Database } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { ApiClient } from '../support/api-client.ts';
import { createTestDatabase, startChildEarshot, type ChildEarshot } from '../support/child-earshot.ts';
import { countMentions, expectDemoTimelineComplete } from '../support/demo-timeline.ts';
import { freePort } from '../support/free-port.ts';
import { waitFor } from '../support/start-test-app.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROUNDS = 5;
const ROLES = ['worker', 'collectors', 'web'] as const;

/**
 * Every role (worker; collectors, which poll and publish; web, which takes the replies) in its
 * own process, each killed with SIGKILL five times while the demo stream posts 30 mentions a
 * second and an agent keeps replying through the API. Afterwards the demo timeline is complete
 * with each mention stored once, and every reply the API accepted reached the demo platform
 * exactly once.
 */
describe('kill -9 of every role, five times, during a steady stream with replies', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  const prefix = testPrefix();
  const all: ChildEarshot[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
    // Migrated once here, so the three first processes do not all wait on the migration lock.
    await migrateToLatest(db);
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      EARSHOT_QUEUE_PREFIX: prefix,
      EARSHOT_DEMO: 'on',
      EARSHOT_DEMO_PER_MINUTE: '1800',
      // The demo platform stores a reply at once and answers a second later: kills land mid-send.
      EARSHOT_DEMO_REPLY_LATENCY_MS: '1000',
      EARSHOT_REQUEUE_AFTER_MS: '3000',
      // A killed publisher's jobs are taken over within 6 s instead of 15 s.
      EARSHOT_JOB_LOCK_MS: '4000',
      EARSHOT_ADMIN_EMAIL: 'admin@example.test',
      EARSHOT_ADMIN_PASSWORD: 'kill-loop-admin-password',
      // One port for every web process, so the agent's client reaches whichever is alive.
      PORT: String(await freePort()),
    };
  });
  afterAll(async () => {
    await Promise.all(all.map((c) => c.kill()));
    await db?.destroy();
    await database?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('stores every posted mention once and posts every accepted reply once', async () => {
    const started = Date.now();
    const rounds: string[] = [];
    onTestFailed(() => console.error(`${rounds.join('\n')}\n${all.map((c) => `--- ${c.process.spawnargs.slice(3).join(' ')}\n${c.output()}`).join('\n')}`));
    const start = async (role: string) => {
      const child = await startChildEarshot([role], env, { startTimeoutMs: 150_000 });
      all.push(child);
      return child;
    };
    // Web first: it creates the admin the agent signs in as.
    const current: Record<string, ChildEarshot> = { web: await start('web') };
    [current.worker, current.collectors] = await Promise.all([start('worker'), start('collectors')]);
    const api = new ApiClient(current.web!.url!);
    await api.signIn('admin@example.test', 'kill-loop-admin-password');

    // The agent: answers the oldest open mention it has not answered yet, every 200 ms. A request
    // that fails (web is dead) is sent again with the same idempotency key, as the dashboard does.
    const accepted = new Map<string, string>(); // idempotency key → mention id
    let replying = true;
    const agent = (async () => {
      for (let n = 0; replying; n++) {
        const mention = await db
          .selectFrom('mentions')
          .select('id')
          .where('status', '=', 'open')
          .where('id', 'not in', [...accepted.values(), '00000000-0000-0000-0000-000000000000'])
          .orderBy('posted_at')
          .limit(1)
          .executeTakeFirst();
        if (!mention) {
          await sleep(200);
          continue;
        }
        const key = `kill-loop-${n}`;
        for (;;) {
          const res = await api.request('POST', `/api/mentions/${mention.id}/replies`, { text: `Sorry about that (${n}), a colleague is on it.`, idempotencyKey: key }).catch(() => undefined);
          if (res?.status === 202) break;
          if (res && res.status < 500) throw new Error(`reply ${key} refused: ${res.status} ${JSON.stringify(res.body)}`);
          await sleep(300);
        }
        accepted.set(key, mention.id);
        await sleep(200);
      }
    })();

    const sent = async () => Number((await sql<{ n: string }>`select count(*) as n from replies where state = 'sent'`.execute(db)).rows[0]!.n);
    for (let round = 1; round <= ROUNDS; round++) {
      // Kill once the pipeline moved since the last round: mentions stored and replies posted.
      const [mentionsBefore, sentBefore] = [await countMentions(db), await sent()];
      await waitFor(`progress before round ${round}`, async () => (await countMentions(db)) >= mentionsBefore + 20 && (await sent()) > sentBefore, 60_000);
      for (const role of ROLES) {
        await current[role]!.kill();
        await sleep(250);
      }
      const t0 = Date.now();
      const [worker, collectors, web] = await Promise.all(ROLES.map((r) => start(r)));
      Object.assign(current, { worker, collectors, web });
      rounds.push(`round ${round}: restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const sentAfterLoop = await sent();
    await waitFor('a reply posted after the last round', async () => (await sent()) > sentAfterLoop, 30_000);
    replying = false;
    await agent;

    // Every accepted reply ends sent: none queued, sending, unknown or failed.
    await waitFor(
      'every reply to be resolved',
      async () => (await db.selectFrom('replies').select('id').where('state', '<>', 'sent').execute()).length === 0,
      60_000,
    );
    const stored = await expectDemoTimelineComplete(db);

    const replies = await db
      .selectFrom('replies')
      .innerJoin('mentions', 'mentions.id', 'replies.mention_id')
      .select(['replies.idempotency_key', 'replies.mention_id', 'replies.external_id', 'mentions.external_id as mention_external_id'])
      .execute();
    expect(replies.length, 'each accepted reply stored once').toBe(accepted.size);
    expect(new Map(replies.map((r) => [r.idempotency_key, r.mention_id]))).toEqual(accepted);
    const posts = await db.selectFrom('demo_posts').select(['id', 'in_reply_to']).execute();
    expect(posts.length, 'each reply reached the platform exactly once').toBe(replies.length);
    expect(new Set(posts.map((p) => p.in_reply_to))).toEqual(new Set(replies.map((r) => r.mention_external_id)));
    expect(new Set(replies.map((r) => r.external_id))).toEqual(new Set(posts.map((p) => `demo-reply-${p.id}`)));

    const seconds = (Date.now() - started) / 1000;
    console.log(`kill loop: ${ROUNDS} rounds × ${ROLES.length} roles killed; ${stored + 1} mentions stored once, ${replies.length} replies posted once, in ${seconds.toFixed(0)} s\n${rounds.join('\n')}`);
    expect(replies.length).toBeGreaterThanOrEqual(ROUNDS);
  }, 600_000);
});
