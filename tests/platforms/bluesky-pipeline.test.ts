import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrand, insertStream, type Stream } from '@earshot/db';
import type { MentionDetail, ReplyDto } from '@earshot/web';
// Until @earshot/collectors exports the Bluesky adapter from its index.
import { createBlueskyAdapter } from '@earshot/collectors';
import { startFakeBluesky, type FakeBlueskyServer } from '../fakes/bluesky/fake-bluesky-server.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { countingAdapter } from '../support/counting-adapter.ts';
import { waitForPolls, waitForQueueIdle } from '../support/settled.ts';



describe('Bluesky through the running app: poll → analyze → inbox → reply', () => {
  let fake: FakeBlueskyServer;
  let app: TestApp;
  let stream: Stream;
  const yielded: string[] = [];

  const stored = async () => app.db.selectFrom('mentions').selectAll().where('platform', '=', 'bluesky').execute();

  beforeAll(async () => {
    fake = await startFakeBluesky();
    const adapter = createBlueskyAdapter({ identifier: fake.brand.handle, appPassword: fake.appPassword, serviceUrl: fake.url, timeoutMs: 2_000 });
    app = await startTestApp({ demo: 'off', adapters: () => [countingAdapter(adapter, yielded)] });
    const brand = await ensureBrand(app.db, 'Acme Air');
    stream = await insertStream(app.db, {
      brandId: brand.id,
      platform: 'bluesky',
      name: 'acme on bluesky',
      query: { keywords: ['acme air', '#acmeair'], exclude: ['hiring'] },
      pollIntervalMs: 1_000,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('stores each post once, with its author and context, across pages and polls', async () => {
    fake.addUser({ handle: 'jo.bsky.social', displayName: 'Jo Travels' });
    const thread = fake.addPost({ author: 'pete.bsky.social', text: 'Who is flying to Lisbon today?' });
    const complaint = fake.addPost({ author: 'jo.bsky.social', text: 'Acme Air lost my bag again #acmeair', replyTo: thread.uri });
    fake.addPost({ author: 'recruiter.bsky.social', text: 'acme air is hiring' });

    const first = await waitFor('the first mention', async () => {
      const rows = await stored();
      return rows.length >= 1 ? rows : undefined;
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      external_id: complaint.uri,
      author_handle: 'jo.bsky.social',
      author_name: 'Jo Travels',
      text: 'Acme Air lost my bag again #acmeair',
      url: `https://bsky.app/profile/jo.bsky.social/post/${complaint.rkey}`,
      context_external_id: thread.uri,
      context_author_handle: 'pete.bsky.social',
      context_text: 'Who is flying to Lisbon today?',
      stream_id: stream.id,
    });

    // More arrive over time, served two to a page, some matching both keywords.
    fake.setPageSize(2);
    const later: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) later.push(fake.addPost({ author: `fan${round}${i}.bsky.social`, text: `acme air delayed ${round}.${i}${i === 0 ? ' #acmeair' : ''}` }).uri);
      await waitForPolls(app.db, stream.id, 1); // the next round arrives after a whole poll
    }
    const all = [complaint.uri, ...later];
    await waitFor('every mention stored', async () => ((await stored()).length === all.length ? true : undefined));
    await waitForPolls(app.db, stream.id, 2); // a few more polls find nothing new
    expect((await stored()).map((m) => m.external_id).sort()).toEqual([...all].sort());
    expect([...yielded].sort()).toEqual([...all].sort());
    const after = await app.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(after.last_error).toBeNull();
    expect(fake.requests.some((r) => r.query.cursor !== undefined)).toBe(true);
    expect(fake.sessionsCreated).toBe(1);
  });

  it('sends a reply written in the API to Bluesky exactly once, as a reply in the thread', async () => {
    const api = new ApiClient(app.url);
    await api.signIn(app.adminEmail, app.adminPassword);
    const mention = (await stored()).find((m) => m.context_external_id !== null)!;
    const body = { text: 'Acme Air here: so sorry, Jo! Please DM us your booking reference.', idempotencyKey: 'bluesky-pipeline-reply-1' };
    const first = await api.request<{ reply: ReplyDto }>('POST', `/api/mentions/${mention.id}/replies`, body);
    // A 400 "Unknown platform" here means blueskyDefinition() is missing from platformDefinitions() (app/src/start-earshot.ts).
    expect(first).toMatchObject({ status: 202 });
    const again = await api.request<{ reply: ReplyDto }>('POST', `/api/mentions/${mention.id}/replies`, body);
    expect(again.body.reply.id).toBe(first.body.reply.id);

    const sent = await waitFor('the reply to be sent', async () => {
      const detail = await api.request<MentionDetail>('GET', `/api/mentions/${mention.id}`);
      const reply = detail.body.replies.find((r) => r.id === first.body.reply.id);
      return reply?.state === 'sent' ? reply : undefined;
    });
    const posted = fake.repliesTo(mention.external_id);
    expect(posted).toHaveLength(1);
    expect(sent.url).toBe(`https://bsky.app/profile/${fake.brand.handle}/post/${posted[0]!.rkey}`);
    const parent = fake.post(mention.external_id)!;
    expect(posted[0]!.reply).toEqual({ root: parent.reply!.root, parent: { uri: parent.uri, cid: parent.cid } });
    await waitForQueueIdle(app.bus, 'publishReply'); // no retry is waiting to post it again
    expect(fake.createRecordAttempts).toHaveLength(1);
    // The reply says "Acme Air" and search finds it, but the brand's own posts are never mentions.
    expect((await stored()).some((m) => m.external_id === posted[0]!.uri)).toBe(false);
  });
});
