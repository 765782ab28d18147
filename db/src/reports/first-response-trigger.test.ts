import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, buildMention, type TestDb } from '../testing/index.ts';
import { transitionReply } from '../replies/transition-reply.ts';

describe('first response kept on the mention', () => {
  let t: TestDb;
  let brand: string;
  let user: string;
  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
    user = (await t.db.insertInto('users').values({ email: 'a@a.test', name: 'A', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.drop());

  const first = (id: string) => t.db.selectFrom('mentions').select(['first_response_at', 'first_responder_id']).where('id', '=', id).executeTakeFirstOrThrow();

  it('is set when a reply reaches sent, and only an earlier sent reply replaces it', async () => {
    const { id } = await t.db.insertInto('mentions').values(buildMention(brand)).returning('id').executeTakeFirstOrThrow();
    const reply = (key: string, state: 'queued' | 'sent' | 'failed', sentAt: string | null, userId: string | null = user) =>
      t.db.insertInto('replies').values({ mention_id: id, user_id: userId, text: 'hi', idempotency_key: key, state, sent_at: sentAt }).returning('id').executeTakeFirstOrThrow();

    const queued = await reply('k1', 'queued', null);
    await reply('k2', 'failed', null);
    expect(await first(id)).toEqual({ first_response_at: null, first_responder_id: null });

    const sent = await transitionReply(t.db, queued.id, ['queued'], 'sent');
    expect((await first(id)).first_response_at?.toISOString()).toBe(sent!.sent_at!.toISOString());
    expect((await first(id)).first_responder_id).toBe(user);

    // A later one changes nothing; an earlier one (a reply found after an interruption) wins.
    await reply('k3', 'sent', '2099-01-01T00:00:00Z');
    expect((await first(id)).first_response_at?.toISOString()).toBe(sent!.sent_at!.toISOString());
    await reply('k4', 'sent', '2000-01-01T00:00:00Z', null);
    expect(await first(id)).toEqual({ first_response_at: new Date('2000-01-01T00:00:00Z'), first_responder_id: null });
  });
});
