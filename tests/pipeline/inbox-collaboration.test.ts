import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MentionPresence, PRESENCE_TTL_MS, type MentionEvent } from '@earshot/db';
import type { MentionDetail, NoteDto, NoticesDto, PresenceDto, ViewerDto } from '@earshot/web';
import type { ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedSignedInUser, seedUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Working one mention together: internal notes that notify the teammates they @-mention, who is
// viewing and typing (short-lived Redis keys, announced over the event stream), and the server
// refusing a second reply unless the sender confirms.

const PASSWORD = 'collaboration-password';

describe('team inbox: notes, presence and collisions', () => {
  let app: TestApp;
  let ana: ApiClient;
  let ben: ApiClient;
  let viewer: ApiClient;
  let anaId: string;
  let benId: string;
  let brandId: string;
  const events: MentionEvent[] = [];
  let unsubscribe: () => Promise<void>;

  const newMention = async () => (await app.db.insertInto('mentions').values(buildMention(brandId)).returning('id').executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    ({ client: ana, user: { id: anaId } } = await seedSignedInUser(app, { email: 'ana@example.test', name: 'Ana Lima', password: PASSWORD, role: 'agent' }));
    ({ client: ben, user: { id: benId } } = await seedSignedInUser(app, { email: 'ben@example.test', name: 'Ben Ode', password: PASSWORD, role: 'agent' }));
    await seedUser(app.db, { email: 'bena@example.test', name: 'Bena Other', password: PASSWORD, role: 'agent' });
    ({ client: viewer } = await seedSignedInUser(app, { email: 'vic@example.test', name: 'Vic', password: PASSWORD, role: 'viewer' }));
    brandId = (await seedBrand(app.db, 'Acme')).id;
    unsubscribe = await app.bus.subscribeMentionEvents((e) => events.push(e));
  });
  afterAll(async () => {
    await unsubscribe?.();
    await app?.stop();
  });

  it('stores an internal note, never as a reply, and notifies each teammate it @-mentions once', async () => {
    const id = await newMention();
    events.length = 0;
    const res = await ana.request<{ note: NoteDto }>('POST', `/api/mentions/${id}/notes`, { text: 'Refund done, @benode please check. @ana @nobody @benode' });
    expect(res.status).toBe(201);
    // "@ana" is Ana herself (not told); "@nobody" is nobody; Ben is told once.
    expect(res.body.note).toMatchObject({ userName: 'Ana Lima', mentionedUserIds: [benId] });
    const detail = (await viewer.request<MentionDetail>('GET', `/api/mentions/${id}`)).body;
    expect(detail.notes?.map((n) => n.text)).toEqual(['Refund done, @benode please check. @ana @nobody @benode']);
    expect(detail.replies).toEqual([]);
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', id).execute()).toEqual([]);
    const benNotices = (await ben.request<NoticesDto>('GET', '/api/notices')).body;
    expect(benNotices.unread).toBe(1);
    expect(benNotices.notices[0]).toMatchObject({ kind: 'note_mention', mentionId: id, text: expect.stringContaining('Ana Lima mentioned you') });
    expect((await ana.request<NoticesDto>('GET', '/api/notices')).body.unread).toBe(0);
    await expect.poll(() => events.map((e) => e.type).sort()).toEqual(['mention.updated', 'notices.changed']);
    // A first name shared by nobody else works; "@ben" is ambiguous with Bena? No: Bena's first name differs.
    const byFirst = await ana.request<{ note: NoteDto }>('POST', `/api/mentions/${id}/notes`, { text: '@ben again' });
    expect(byFirst.body.note.mentionedUserIds).toEqual([benId]);
    expect((await viewer.request('POST', `/api/mentions/${id}/notes`, { text: 'hi' })).status).toBe(403);
    const empty = await ana.request<{ error: { message: string } }>('POST', `/api/mentions/${id}/notes`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('Write the note first');
  });

  it('shows who has a mention open and who is typing, announces changes, and drops a viewer who leaves', async () => {
    const id = await newMention();
    events.length = 0;
    const first = await ana.request<{ viewers: ViewerDto[] }>('PUT', `/api/mentions/${id}/presence`, { typing: false });
    expect(first.body.viewers).toEqual([{ userId: anaId, name: 'Ana Lima', typing: false }]);
    const second = await ben.request<{ viewers: ViewerDto[] }>('PUT', `/api/mentions/${id}/presence`, { typing: true });
    expect(second.body.viewers).toEqual([
      { userId: anaId, name: 'Ana Lima', typing: false },
      { userId: benId, name: 'Ben Ode', typing: true },
    ]);
    // A viewer cannot be typing a reply; they show as viewing.
    const vic = await viewer.request<{ viewers: ViewerDto[] }>('PUT', `/api/mentions/${id}/presence`, { typing: true });
    expect(vic.body.viewers.find((v) => v.name === 'Vic')?.typing).toBe(false);
    // A heartbeat that changes nothing announces nothing.
    await ana.request('PUT', `/api/mentions/${id}/presence`, { typing: false });
    await expect.poll(() => events.filter((e) => e.type === 'presence').length).toBe(3);
    const left = await ben.request<{ viewers: ViewerDto[] }>('DELETE', `/api/mentions/${id}/presence`);
    expect(left.body.viewers.map((v) => v.name)).toEqual(['Ana Lima', 'Vic']);
    await expect.poll(() => events.filter((e) => e.type === 'presence').length).toBe(4);
    const last = events.filter((e) => e.type === 'presence').at(-1);
    expect(last).toMatchObject({ mentionId: id, viewers: [{ name: 'Ana Lima' }, { name: 'Vic' }] });
    // The keys are short-lived: Redis forgets a viewer whose dashboard stopped beating.
    const redis = app.bus.connect();
    const ttl = await redis.pttl(`${app.prefix}:presence:${id}:${anaId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(PRESENCE_TTL_MS);
    await redis.del(`${app.prefix}:presence:${id}:${anaId}`); // as if it expired
    const after = await viewer.request<{ viewers: ViewerDto[] }>('PUT', `/api/mentions/${id}/presence`, { typing: false });
    expect(after.body.viewers.map((v) => v.name)).toEqual(['Vic']);
    expect((await ana.request('PUT', `/api/mentions/${randomUUID()}/presence`, { typing: false })).status).toBe(404);
  });

  it('numbers every presence change, so a leave and a heartbeat that cross settle on the newer list', async () => {
    const id = await newMention();
    events.length = 0;
    const opened = await ben.request<PresenceDto>('PUT', `/api/mentions/${id}/presence`, { typing: false });
    const closed = await ben.request<PresenceDto>('DELETE', `/api/mentions/${id}/presence`);
    expect(closed.body.version).toBeGreaterThan(opened.body.version);
    // A panel closed and opened again at once: the leave and the heartbeat race, many times over.
    // Whatever order they land and are announced in, the highest-numbered list (what a dashboard
    // keeps) is what Redis holds once both have landed.
    const presence = new MentionPresence(app.bus);
    const ben0 = { userId: benId, name: 'Ben Ode', typing: false };
    for (let round = 0; round < 40; round += 1) {
      const [a, b] = await Promise.all(round % 2 === 0 ? [presence.leave(id, benId), presence.beat(id, ben0)] : [presence.beat(id, ben0), presence.leave(id, benId)]);
      const newest = a.version > b.version ? a : b;
      expect(a.version).not.toBe(b.version);
      expect(newest.viewers).toEqual(await presence.list(id));
    }
    await ben.request('DELETE', `/api/mentions/${id}/presence`);
    // The announcements carry the numbers, in the order the changes were made.
    const heard = () => events.filter((e): e is Extract<MentionEvent, { type: 'presence' }> => e.type === 'presence' && e.mentionId === id);
    await expect.poll(() => heard().length).toBeGreaterThanOrEqual(3);
    expect(heard().slice(0, 2).map((e) => e.version)).toEqual([opened.body.version, closed.body.version]);
  });

  it('two agents replying at once: one reply is stored, the other gets a 409 naming who; confirming sends it', async () => {
    const id = await newMention();
    const send = (client: ApiClient, extra: Record<string, unknown> = {}) =>
      client.request<{ reply?: { id: string }; error?: { code: string; message: string; reason?: string } }>('POST', `/api/mentions/${id}/replies`, {
        text: 'Sorry about that, we are on it.',
        idempotencyKey: randomUUID(),
        ...extra,
      });
    const [a, b] = await Promise.all([send(ana), send(ben)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([202, 409]);
    const refused = a.status === 409 ? a : b;
    const winner = a.status === 409 ? 'Ben Ode' : 'Ana Lima';
    expect(refused.body.error).toMatchObject({ reason: 'already_replied' });
    expect(refused.body.error?.message).toBe(`${winner} already replied to this mention a moment ago. Send anyway?`);
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', id).execute()).toHaveLength(1);

    // Resending the winning request (same key) is not a conflict: it returns the same reply.
    const key = randomUUID();
    const third = await send(ana, { idempotencyKey: key });
    expect(third.status).toBe(409);
    const confirmed = await send(ana, { idempotencyKey: key, confirm: true });
    expect(confirmed.status).toBe(202);
    const resent = await send(ana, { idempotencyKey: key });
    expect(resent.status).toBe(202);
    expect(resent.body.reply?.id).toBe(confirmed.body.reply?.id);
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', id).execute()).toHaveLength(2);
  });

  it('a second reply to an answered mention asks first; a refused (failed) reply does not count', async () => {
    const id = await newMention();
    await app.db.insertInto('replies').values({ mention_id: id, user_id: benId, text: 'x', idempotency_key: randomUUID(), state: 'failed' }).execute();
    const afterFailed = await ana.request('POST', `/api/mentions/${id}/replies`, { text: 'Trying again', idempotencyKey: randomUUID() });
    expect(afterFailed.status).toBe(202);
    await app.db.updateTable('replies').set({ state: 'sent', sent_at: new Date() }).where('mention_id', '=', id).where('state', '=', 'queued').execute();
    const second = await ben.request<{ error: { message: string; reason: string } }>('POST', `/api/mentions/${id}/replies`, { text: 'Me too', idempotencyKey: randomUUID() });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe('Ana Lima already answered this mention a moment ago. Send anyway?');
  });
});
