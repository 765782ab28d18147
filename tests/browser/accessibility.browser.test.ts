import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, seedBrand, seedStream } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { signIn, useBrowser } from './harness.ts';

// axe (the same rules browser extensions run) on the inbox, the mention panel, settings and
// streams: no serious or critical violations. Minor and moderate ones are listed on failure too.

let app: TestApp;
const { openPage } = useBrowser();

beforeAll(async () => {
  app = await startTestApp({ demo: 'off', roles: ['web'] });
  const brand = (await seedBrand(app.db, 'Acme Air')).id;
  await seedStream(app.db, { brandId: brand, name: 'Acme demo' });
  await app.db
    .insertInto('mentions')
    .values(
      Array.from({ length: 8 }, (_, i) =>
        buildMention(brand, { platform: 'x', author_handle: `user${i}`, text: `My flight ${i} was delayed`, sla_due_at: new Date(Date.now() + (i + 1) * 3_600_000) }),
      ),
    )
    .execute();
});

afterAll(async () => {
  await app?.stop();
});

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe): no serious or critical violations', () => {
  it.each([
    ['the inbox', '/', 'inbox-row'],
    ['settings', '/settings', null],
    ['streams', '/streams', null],
  ] as const)('%s', async (_name, path, ready) => {
    const opened = await openPage();
    await signIn(opened.page, app, path);
    if (ready !== null) await opened.page.getByTestId(ready).first().waitFor();
    else await opened.page.waitForLoadState('networkidle');
    expect(await serious(opened.page)).toEqual([]);
  });

  it('the mention panel, with a reply being written and a pre-send check shown', async () => {
    const opened = await openPage();
    await signIn(opened.page, app);
    await opened.page.getByTestId('inbox-row').first().click();
    await opened.page.getByTestId('mention-detail').waitFor();
    await opened.page.getByTestId('author-history').waitFor();
    await opened.page.getByTestId('reply-text').fill('Mail us at care@acme.example, sorry about that.');
    await opened.page.getByTestId('presend-check').waitFor();
    expect(await serious(opened.page)).toEqual([]);
  });
});
