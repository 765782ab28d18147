import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, insertCollectedPage, type CollectedMention } from '@earshot/db';
import type { AgreementDto } from '@earshot/web';
import { signedInClient, type ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand } from '../support/factories.ts';
import { createTestDatabase } from '../support/child-earshot.ts';
import { runEarshot as run } from '../support/run-cli.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

// A skateboard brand whose customers praise with "sick" and "gnarly": words the shared model
// reads as complaints. Agents correct a few; the brand's next mentions are read their way.
const CORRECTED = ['this board is sick', 'that kickflip was sick', 'sick grind at the park today', 'the new wheels are sick, so fast', 'gnarly deck, love the graphic', 'that ramp session was gnarly'];
const UNSEEN = 'the bearings are sick';

let seq = 0;
function collected(text: string): CollectedMention {
  seq++;
  return {
    externalId: `brand-model-${process.pid}-${seq}`,
    url: null,
    text,
    lang: 'en',
    postedAt: new Date().toISOString(),
    author: { externalId: null, handle: `rider${seq}`, name: null, followers: 10, verified: false },
    context: null,
  };
}

describe('brand models: corrections teach the brand its own language (web + worker)', () => {
  let app: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    app = await startTestApp({ roles: ['web', 'worker'], demo: 'off' });
    api = await signedInClient(app);
  });
  afterAll(async () => app.stop());

  async function analyze(brandId: string, texts: string[]): Promise<Map<string, string>> {
    const page = texts.map(collected);
    const pageId = await insertCollectedPage(app.db, { brandId, streamId: null, platform: 'demo', mentions: page });
    await app.bus.enqueue('analyzeMentions', { pageId });
    const ids = page.map((m) => m.externalId);
    const rows = await waitFor('the page to be analyzed', async () => {
      const found = await app.db.selectFrom('mentions').select(['id', 'external_id', 'sentiment']).where('external_id', 'in', ids).execute();
      return found.length === ids.length ? found : undefined;
    }, 30_000);
    return new Map(rows.map((r) => [page.find((m) => m.externalId === r.external_id)!.text, `${r.id} ${r.sentiment}`]));
  }

  it('after agents correct a few mentions, new mentions of that brand (only) are classified the way its agents read them', async () => {
    const skate = await seedBrand(app.db, 'Skate Co');
    const airline = await seedBrand(app.db, 'Some Airline');
    const first = await analyze(skate.id, CORRECTED);
    // Agents correct what the model did not read as praise.
    const wrong = [...first.values()].filter((v) => v.split(' ')[1] !== 'positive');
    expect(wrong.length).toBeGreaterThanOrEqual(4);
    for (const value of wrong) {
      const res = await api.request('POST', `/api/mentions/${value.split(' ')[0]!}/corrections`, { field: 'sentiment', value: 'positive' });
      expect(res.status).toBe(200);
    }
    // The agreement report says the brand model is being learnt, then learnt (a worker checks every second here).
    const model = await waitFor('the brand model to be trained', async () => {
      const res = await api.request<{ brands: AgreementDto[] }>('GET', '/api/agreement');
      const row = res.body.brands.find((b) => b.brandId === skate.id);
      return row?.brandModel && !row.brandModelPending ? row.brandModel : undefined;
    }, 30_000);
    expect(model).toMatchObject({ labels: wrong.length, confirmations: 0, scored: 0 });

    // The worker's cache re-reads a brand model after 10 s in production, 0.5 s here: the brand's
    // next mentions are read its way once it has.
    await waitFor('a new Skate Co mention read as praise', async () => (await analyze(skate.id, [UNSEEN])).get(UNSEEN)!.endsWith(' positive'), 30_000);
    const airlineNext = await analyze(airline.id, [UNSEEN]);
    expect(airlineNext.get(UNSEEN)!.split(' ')[1]).toBe('negative');
  });
});

describe('earshot retrain', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('trains the named brand on its corrections and reports what it learnt; an unknown brand is a clear error', async () => {
    const env = { DATABASE_URL: database.url };
    // The first run creates the schema; no brand has that name.
    const unknown = await run(['retrain', '--brand', 'Nope'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('No brand named or with the id "Nope"; brands: none yet.\n');

    const db = createDb({ url: database.url, max: 1 });
    try {
      const brand = await seedBrand(db, 'Skate Co');
      const ids = (await db.insertInto('mentions').values(CORRECTED.map((text) => buildMention(brand.id, { text, sentiment: 'negative' }))).returning('id').execute()).map((r) => r.id);
      await db
        .insertInto('corrections')
        .values(ids.map((id) => ({ mention_id: id, brand_id: brand.id, field: 'sentiment' as const, model_value: 'negative', corrected_value: 'positive' })))
        .execute();

      const trained = await run(['retrain', '--brand', 'Skate Co'], env);
      expect(trained.stderr).toBe('');
      expect(trained.code).toBe(0);
      expect(trained.stdout).toMatch(/^Skate Co: learnt 6 labels and 0 confirmations \(\d+ feature rows\); too few reviewed mentions to measure; no uncorrected mentions to compare with\.\n$/);
      expect(await db.selectFrom('brand_models').select(['labels']).where('brand_id', '=', brand.id).execute()).toEqual([{ labels: 6 }]);

      const again = await run(['retrain', '--brand', brand.id], env);
      expect(again.stdout).toBe('Skate Co: up to date (6 labels learnt); --force retrains anyway.\n');
    } finally {
      await db.destroy();
    }
  });
});
