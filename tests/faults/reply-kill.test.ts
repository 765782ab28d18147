import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, findDemoPostsInReplyTo, findReplyById, insertReply, JobBus, type Database } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { createTestDatabase, startChildEarshot, type ChildEarshot } from '../support/child-earshot.ts';
import { waitForQueueIdle } from '../support/settled.ts';
import { waitFor } from '../support/start-test-app.ts';

describe('a reply is posted once even when the publisher dies mid-send', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let bus: JobBus;
  const prefix = testPrefix();
  const children: ChildEarshot[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
    bus = new JobBus({ redisUrl: testRedisUrl, prefix });
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      EARSHOT_QUEUE_PREFIX: prefix,
      EARSHOT_DEMO: 'on',
      EARSHOT_DEMO_PER_MINUTE: '60',
      // The demo platform stores the post at once and answers 20 s later: a window to die in.
      EARSHOT_DEMO_REPLY_LATENCY_MS: '20000',
      // The killed publisher's job is taken over within 6 s instead of 15 s.
      EARSHOT_JOB_LOCK_MS: '4000',
      EARSHOT_ADMIN_PASSWORD: 'not-used-in-this-test',
      PORT: '0',
    };
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await bus?.close();
    await db?.destroy();
    await database?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('is checked against the platform after the crash and found, not posted again', async () => {
    const start = async (role: string) => {
      // The limit catches a start that hangs; on a loaded machine a healthy one can take 30 s.
      const child = await startChildEarshot([role], env, { startTimeoutMs: 90_000 });
      children.push(child);
      return child;
    };
    const collectors1 = await start('collectors');
    await start('worker');
    const mention = await waitFor('a stored mention', () => db.selectFrom('mentions').selectAll().limit(1).executeTakeFirst());

    const { reply } = await insertReply(db, {
      mentionId: mention.id,
      userId: null,
      text: 'We are sorry, please DM us your booking reference.',
      idempotencyKey: 'fault-test-reply-1',
    });
    await bus.enqueue('publishReply', { replyId: reply.id });

    // The platform has the post; the publisher is still waiting for the answer. Kill it.
    await waitFor('the post to reach the platform', async () => (await findDemoPostsInReplyTo(db, mention.external_id)).length === 1);
    expect((await findReplyById(db, reply.id))?.state).toBe('sending');
    await collectors1.kill();

    // Another collectors process finds the stalled job, checks the platform, finds the post.
    await start('collectors');
    const done = await waitFor(
      'the reply to be resolved',
      async () => {
        const r = await findReplyById(db, reply.id);
        return r?.state === 'sent' ? r : undefined;
      },
      60_000,
    );
    const posts = await findDemoPostsInReplyTo(db, mention.external_id);
    expect(posts).toHaveLength(1);
    expect(done.external_id).toBe(`demo-reply-${posts[0]!.id}`);
    const stored = await db.selectFrom('mentions').select('status').where('id', '=', mention.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('answered');

    // And it stays that way: no publish job is left to run again (the sweeper only re-queues
    // replies still queued or sending, and this one is sent).
    await waitForQueueIdle(bus, 'publishReply');
    expect(await findDemoPostsInReplyTo(db, mention.external_id)).toHaveLength(1);
  }, 120_000);
});
