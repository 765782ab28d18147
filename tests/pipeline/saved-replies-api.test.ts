import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '@earshot/db';
import { renderSavedReply, type SavedRepliesAnswer, type SavedReplyDto } from '@earshot/web';
import type { ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedSignedInUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Saved replies through the HTTP API: who may write them, brand limits, the variables' values
// for a mention, and what is refused (in words) when they are saved.

const PASSWORD = 'saved-replies-test-pw';
type ErrorAnswer = { error: { code: string; message: string } };

describe('saved replies', () => {
  let app: TestApp;
  let manager: ApiClient;
  let limitedManager: ApiClient;
  let agent: ApiClient;
  let limitedAgent: ApiClient;
  let viewer: ApiClient;
  let acme: string;
  let keys: string;
  let acmeMention: string;
  let keysMention: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    acme = (await seedBrand(app.db, 'Acme')).id;
    keys = (await seedBrand(app.db, 'Keys & Co')).id;
    const client = async (email: string, name: string, role: UserRole, brandIds?: string[]) =>
      (await seedSignedInUser(app, { email, name, password: PASSWORD, role, ...(brandIds ? { brandIds } : {}) })).client;
    manager = await client('mona@example.test', 'Mona Ray', 'manager');
    limitedManager = await client('lima@example.test', 'Lima Keys', 'manager', [keys]);
    agent = await client('ana@example.test', 'Ana Lima', 'agent');
    limitedAgent = await client('kit@example.test', 'Kit', 'agent', [keys]);
    viewer = await client('vic@example.test', 'Vic', 'viewer');
    [acmeMention, keysMention] = (
      await app.db
        .insertInto('mentions')
        .values([
          buildMention(acme, { author_handle: 'mia', author_name: 'Mia Rossi', text: 'where is my parcel' }),
          buildMention(keys, { author_handle: 'noah', author_name: null, text: 'key broke' }),
        ])
        .returning('id')
        .execute()
    ).map((r) => r.id) as [string, string];
  });
  afterAll(async () => app?.stop());

  it('a manager saves one for every brand and one for a brand; agents get those serving a mention, with the values filled their way', async () => {
    const everywhere = await manager.request<{ savedReply: SavedReplyDto }>('POST', '/api/saved-replies', { title: ' Sorry ', body: 'Hi {{author}}, sorry! — {{agent}} at {{ brand }}' });
    expect(everywhere.status).toBe(201);
    expect(everywhere.body.savedReply).toMatchObject({ brandId: null, title: 'Sorry', body: 'Hi {{author}}, sorry! — {{agent}} at {{ brand }}' });
    const forKeys = await manager.request<{ savedReply: SavedReplyDto }>('POST', '/api/saved-replies', { brandId: keys, title: 'Key fix', body: 'Try the spare key, {{author}}.' });
    expect(forKeys.status).toBe(201);

    const forAcme = await agent.request<SavedRepliesAnswer>('GET', `/api/saved-replies?mentionId=${acmeMention}`);
    expect(forAcme.status).toBe(200);
    expect(forAcme.body.savedReplies.map((r) => r.title)).toEqual(['Sorry']);
    expect(forAcme.body.values).toEqual({ author: 'Mia Rossi', brand: 'Acme', agent: 'Ana Lima' });
    expect(renderSavedReply(forAcme.body.savedReplies[0]!.body, forAcme.body.values!)).toBe('Hi Mia Rossi, sorry! — Ana Lima at Acme');

    const forKeysMention = await limitedAgent.request<SavedRepliesAnswer>('GET', `/api/saved-replies?mentionId=${keysMention}`);
    expect(forKeysMention.body.savedReplies.map((r) => r.title)).toEqual(['Key fix', 'Sorry']);
    expect(forKeysMention.body.values).toEqual({ author: '@noah', brand: 'Keys & Co', agent: 'Kit' });

    const all = await manager.request<SavedRepliesAnswer>('GET', '/api/saved-replies');
    expect(all.body.savedReplies.map((r) => r.title)).toEqual(['Key fix', 'Sorry']);
    expect(all.body.values).toBeNull();

    const audited = await app.db.selectFrom('audit_log').select(['action', 'actor_label', 'brand_id']).where('action', 'like', 'saved_reply.%').orderBy('id').execute();
    expect(audited).toEqual([
      { action: 'saved_reply.created', actor_label: 'mona@example.test', brand_id: null },
      { action: 'saved_reply.created', actor_label: 'mona@example.test', brand_id: keys },
    ]);
  });

  it('a brand limit holds: no mention, reply or brand outside it is seen or written', async () => {
    const acmeOnly = await manager.request<{ savedReply: SavedReplyDto }>('POST', '/api/saved-replies', { brandId: acme, title: 'Acme parcel', body: 'Your parcel is on its way.' });
    // Kit (limited to Keys) sees no Acme reply and cannot open an Acme mention's list.
    const kitList = await limitedAgent.request<SavedRepliesAnswer>('GET', '/api/saved-replies');
    expect(kitList.body.savedReplies.map((r) => r.title)).not.toContain('Acme parcel');
    expect((await limitedAgent.request('GET', `/api/saved-replies?mentionId=${acmeMention}`)).status).toBe(404);

    // Lima (manager limited to Keys) writes Keys replies only; every-brand and Acme ones are refused.
    const mine = await limitedManager.request<{ savedReply: SavedReplyDto }>('POST', '/api/saved-replies', { brandId: keys, title: 'Keys hello', body: 'Hello from {{brand}}' });
    expect(mine.status).toBe(201);
    const everywhere = await limitedManager.request<ErrorAnswer>('POST', '/api/saved-replies', { title: 'Everywhere', body: 'Hi' });
    expect(everywhere.status).toBe(403);
    expect(everywhere.body.error.message).toMatch(/only write saved replies for your own brands/);
    expect((await limitedManager.request('POST', '/api/saved-replies', { brandId: acme, title: 'Other', body: 'Hi' })).status).toBe(404);
    expect((await limitedManager.request('PUT', `/api/saved-replies/${acmeOnly.body.savedReply.id}`, { brandId: keys, title: 'Stolen', body: 'Hi' })).status).toBe(404);
    expect((await limitedManager.request('DELETE', `/api/saved-replies/${acmeOnly.body.savedReply.id}`)).status).toBe(404);
    const sorry = (await manager.request<SavedRepliesAnswer>('GET', '/api/saved-replies')).body.savedReplies.find((r) => r.title === 'Sorry')!;
    expect((await limitedManager.request('DELETE', `/api/saved-replies/${sorry.id}`)).status).toBe(404);
    const still = await app.db.selectFrom('saved_replies').select('title').where('id', 'in', [acmeOnly.body.savedReply.id, sorry.id]).execute();
    expect(still.map((r) => r.title).sort()).toEqual(['Acme parcel', 'Sorry']);

    // Her own is hers to change and delete.
    const edited = await limitedManager.request<{ savedReply: SavedReplyDto }>('PUT', `/api/saved-replies/${mine.body.savedReply.id}`, { brandId: keys, title: 'Keys hi', body: 'Hi from {{brand}}' });
    expect(edited.status).toBe(200);
    expect(edited.body.savedReply).toMatchObject({ title: 'Keys hi', body: 'Hi from {{brand}}' });
    expect((await limitedManager.request('DELETE', `/api/saved-replies/${mine.body.savedReply.id}`)).status).toBe(204);
    expect((await limitedManager.request('DELETE', `/api/saved-replies/${mine.body.savedReply.id}`)).status).toBe(404);
    const trail = await app.db.selectFrom('audit_log').select('action').where('action', 'like', 'saved_reply.%').where('actor_label', '=', 'lima@example.test').orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['saved_reply.created', 'saved_reply.updated', 'saved_reply.deleted']);
  });

  it('roles: agents read, only managers and admins write, viewers neither', async () => {
    expect((await viewer.request('GET', '/api/saved-replies')).status).toBe(403);
    expect((await agent.request('POST', '/api/saved-replies', { title: 'Mine', body: 'Hi' })).status).toBe(403);
    const sorry = (await agent.request<SavedRepliesAnswer>('GET', '/api/saved-replies')).body.savedReplies.find((r) => r.title === 'Sorry')!;
    expect((await agent.request('PUT', `/api/saved-replies/${sorry.id}`, { title: 'Mine', body: 'Hi' })).status).toBe(403);
    expect((await agent.request('DELETE', `/api/saved-replies/${sorry.id}`)).status).toBe(403);
  });

  it('an unknown variable and bad input are refused with what to do', async () => {
    const unknown = await manager.request<ErrorAnswer>('POST', '/api/saved-replies', { title: 'Order', body: 'Hi {{author}}, your order {{order_id}} ships {{ date }}.' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('The reply uses {{order_id}}, {{date}}, which Earshot cannot fill in. Use only {{author}}, {{brand}} or {{agent}}.');
    const empty = await manager.request<ErrorAnswer>('POST', '/api/saved-replies', { title: '  ', body: '\u200b\u200b' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/Give the saved reply a title/);
    expect(empty.body.error.message).toMatch(/no visible characters/);
    const long = await manager.request<ErrorAnswer>('POST', '/api/saved-replies', { title: 'x'.repeat(81), body: 'y'.repeat(5001) });
    expect(long.body.error.message).toMatch(/at most 80 characters/);
    expect(long.body.error.message).toMatch(/at most 5,000 characters/);
    expect((await manager.request<ErrorAnswer>('POST', '/api/saved-replies', { brandId: 'acme', title: 'a', body: 'b' })).body.error.message).toMatch(/Pick a brand/);
    expect((await manager.request('PUT', '/api/saved-replies/not-a-uuid', { title: 'a', body: 'b' })).status).toBe(400);
    expect((await manager.request('PUT', '/api/saved-replies/00000000-0000-4000-8000-000000000000', { title: 'a', body: 'b' })).status).toBe(404);
    expect((await agent.request('GET', '/api/saved-replies?mentionId=nope')).status).toBe(400);
    expect((await manager.request('POST', '/api/saved-replies', { brandId: '00000000-0000-4000-8000-000000000000', title: 'a', body: 'b' })).status).toBe(404);
  });
});
