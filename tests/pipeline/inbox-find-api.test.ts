import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorContextDto, InboxPage, MentionDetail, ReplyCheckResult, SavedViewDto, TagDto } from '@earshot/web';
import type { ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedSignedInUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Tags, saved views, author context and the pre-send checks of a reply, through the HTTP API.

describe('finding and replying: tags, saved views, author context, pre-send checks', () => {
  let app: TestApp;
  let agent: ApiClient;
  let viewer: ApiClient;
  let brand: string;
  let ids: string[];

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    agent = (await seedSignedInUser(app, { email: 'agent@example.test', name: 'Agnes', role: 'agent' })).client;
    viewer = (await seedSignedInUser(app, { email: 'viewer@example.test', name: 'Vic', role: 'viewer' })).client;
    brand = (await seedBrand(app.db, 'Acme')).id;
    const posted = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
    ids = (
      await app.db
        .insertInto('mentions')
        .values([
          buildMention(brand, { platform: 'x', author_handle: 'mia', text: 'my bag is lost', intent: 'complaint', posted_at: posted(9) }),
          buildMention(brand, { platform: 'x', author_handle: 'mia', text: 'still no bag', intent: 'complaint', posted_at: posted(10) }),
          buildMention(brand, { platform: 'x', author_handle: 'mia', text: 'found it, thanks', intent: 'praise', sentiment: 'positive', posted_at: posted(11) }),
          buildMention(brand, { platform: 'reddit', author_handle: 'mia', text: 'other platform, other person', posted_at: posted(12) }),
          buildMention(brand, { platform: 'demo', author_handle: 'noah', text: 'hello', posted_at: posted(13) }),
        ])
        .returning('id')
        .execute()
    ).map((r) => r.id);
  });
  afterAll(async () => app?.stop());

  it('tags are created inline (one per name whatever its case), shown on rows and in the panel, and taken off', async () => {
    const created = await agent.request<{ tag: TagDto }>('POST', '/api/tags', { name: ' Lost bag ' });
    expect(created.status).toBe(200);
    expect(created.body.tag.name).toBe('Lost bag');
    const again = await agent.request<{ tag: TagDto }>('POST', '/api/tags', { name: 'LOST BAG' });
    expect(again.body.tag.id).toBe(created.body.tag.id);

    const bulk = await agent.request<{ tag: TagDto; tagged: string[] }>('POST', '/api/mentions/tags', { ids: [ids[0], ids[1]], tagId: created.body.tag.id });
    expect(bulk.status).toBe(200);
    expect(bulk.body.tagged.sort()).toEqual([ids[0], ids[1]].sort());
    // Tagging again changes nothing; a name creates the tag on the way.
    expect((await agent.request<{ tagged: string[] }>('POST', '/api/mentions/tags', { ids: [ids[0]], tagId: created.body.tag.id })).body.tagged).toEqual([]);
    const vip = await agent.request<{ tag: TagDto; tagged: string[] }>('POST', '/api/mentions/tags', { ids: [ids[0]], name: 'vip' });
    expect(vip.body.tagged).toEqual([ids[0]]);

    const list = await agent.request<InboxPage>('GET', `/api/mentions?status=all&tagId=${created.body.tag.id}`);
    expect(list.body.items.map((m) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(list.body.items.find((m) => m.id === ids[0])!.tags.map((t) => t.name)).toEqual(['Lost bag', 'vip']);
    const detail = await agent.request<MentionDetail>('GET', `/api/mentions/${ids[1]}`);
    expect(detail.body.mention.tags).toEqual([created.body.tag]);

    expect((await agent.request('DELETE', `/api/mentions/${ids[1]}/tags/${created.body.tag.id}`)).status).toBe(204);
    expect((await agent.request<MentionDetail>('GET', `/api/mentions/${ids[1]}`)).body.mention.tags).toEqual([]);
    expect((await agent.request<{ tags: TagDto[] }>('GET', '/api/tags')).body.tags.map((t) => t.name)).toEqual(['Lost bag', 'vip']);
  });

  it('tagging refuses what it cannot do, in words, and viewers cannot tag', async () => {
    const none = await agent.request<{ error: { message: string } }>('POST', '/api/mentions/tags', { ids: [], name: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/Select at least one mention/);
    const both = await agent.request<{ error: { message: string } }>('POST', '/api/mentions/tags', { ids: [ids[0]] });
    expect(both.body.error.message).toMatch(/Give either a tag/);
    const gone = await agent.request<{ error: { message: string } }>('POST', '/api/mentions/tags', { ids: [ids[0]], tagId: '00000000-0000-4000-8000-000000000000' });
    expect(gone.status).toBe(404);
    expect((await viewer.request('POST', '/api/mentions/tags', { ids: [ids[0]], name: 'nope' })).status).toBe(403);
  });

  it('saved views belong to their user: listed, replaced by name, deleted, and nobody else sees them', async () => {
    const saved = await viewer.request<{ view: SavedViewDto }>('POST', '/api/saved-views', { name: 'Angry on X', search: '?status=open&sentiment=negative&platform=x' });
    expect(saved.status).toBe(201);
    const replaced = await viewer.request<{ view: SavedViewDto }>('POST', '/api/saved-views', { name: 'angry on x', search: '?status=all&sentiment=negative' });
    expect(replaced.body.view.id).toBe(saved.body.view.id);
    expect((await viewer.request<{ views: SavedViewDto[] }>('GET', '/api/saved-views')).body.views).toEqual([
      { id: saved.body.view.id, name: 'angry on x', search: '?status=all&sentiment=negative' },
    ]);
    expect((await agent.request<{ views: SavedViewDto[] }>('GET', '/api/saved-views')).body.views).toEqual([]);
    expect((await agent.request('DELETE', `/api/saved-views/${saved.body.view.id}`)).status).toBe(404);
    const bad = await viewer.request<{ error: { message: string } }>('POST', '/api/saved-views', { name: '', search: 'status=open' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Give the view a name/);
    expect(bad.body.error.message).toMatch(/inbox address after "\?"/);
    expect((await viewer.request('DELETE', `/api/saved-views/${saved.body.view.id}`)).status).toBe(204);
  });

  it('author context: their other mentions of the brand on the platform, complaints counted, replies sent to them', async () => {
    await app.db
      .insertInto('replies')
      .values({ mention_id: ids[0]!, user_id: null, text: 'So sorry, we are looking.', idempotency_key: 'author-ctx-1', state: 'sent', sent_at: new Date(Date.UTC(2026, 10, 20, 9, 30)) })
      .execute();
    const res = await viewer.request<AuthorContextDto>('GET', `/api/mentions/${ids[2]}/author`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ handle: 'mia', mentions: 3, complaints: 2, repliesSent: 1 });
    expect(res.body.earlier.map((e) => e.text)).toEqual(['still no bag', 'my bag is lost']);
    expect(res.body.replies).toEqual([{ mentionId: ids[0], text: 'So sorry, we are looking.', sentAt: '2026-11-20T09:30:00.000Z', userName: null }]);
    const alone = await viewer.request<AuthorContextDto>('GET', `/api/mentions/${ids[4]}/author`);
    expect(alone.body).toMatchObject({ mentions: 1, complaints: 1, repliesSent: 0, earlier: [], replies: [] });
  });

  it('the pre-send check counts X’s way and finds a phone number, a card and a hostile tone', async () => {
    const check = (text: string, mentionId = ids[0]) => agent.request<ReplyCheckResult>('POST', '/api/replies/check', { mentionId, text });
    const link = await check(`Details: https://help.acme.example.com/${'a'.repeat(300)}`);
    expect(link.body).toMatchObject({ length: 9 + 23, limit: 280, findings: [] });
    const long = await check('x'.repeat(10_000));
    expect(long.body.findings.map((f) => f.check)).toEqual(['too-long']);
    expect(long.body.findings[0]!.message).toMatch(/^X \(Twitter\) counts this reply as 10000 characters and allows 280: shorten it by 9720/);
    const phone = await check('Call us on +1 415 555 0100');
    expect(phone.body.findings).toMatchObject([{ check: 'phone', found: '+1 415 555 0100' }]);
    const hostile = await check('You are an idiot and this is the worst complaint ever, stop whining');
    expect(hostile.body.findings.map((f) => f.check)).toEqual(['hostile']);
    expect(hostile.body.tone).toMatchObject({ sentiment: 'negative' });
    // Reddit counts code points up to 10,000.
    const reddit = await check('y'.repeat(9_000), ids[3]);
    expect(reddit.body).toMatchObject({ length: 9_000, limit: 10_000, findings: [] });
  });

  it('sending refuses a failed check until it is overridden; the override is in the audit log', async () => {
    const body = { text: 'Call us on +1 415 555 0100 and we will sort it', idempotencyKey: 'phone-reply-0001' };
    const refused = await agent.request<{ error: { message: string; reason?: string } }>('POST', `/api/mentions/${ids[4]}/replies`, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/phone number \(\+1 415 555 0100\)/);
    expect(refused.body.error.reason).toBe('checks:phone');
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', ids[4]!).execute()).toEqual([]);

    const sent = await agent.request<{ reply: { id: string } }>('POST', `/api/mentions/${ids[4]}/replies`, { ...body, overrides: ['phone'] });
    expect(sent.status).toBe(202);
    const entry = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'reply.sent').where('target_id', '=', sent.body.reply.id).executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ overriddenChecks: ['phone'], text: body.text });
    expect(entry.actor_label).toBe('agent@example.test');

    // Too long cannot be overridden.
    const long = await agent.request<{ error: { message: string } }>('POST', `/api/mentions/${ids[0]}/replies`, { text: `${'好'.repeat(141)}`, idempotencyKey: 'long-reply-0001', overrides: ['phone'] });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/282 characters/);
  });
});
