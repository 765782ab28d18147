/**
 * A publisher in a process of its own, for tests that kill it mid-send:
 *
 *   node --import tsx tests/fakes/x/publish-child.ts <fake X url> <db schema> <queue prefix> <reply id>
 *
 * It runs the real publish handler with the X adapter aimed at the fake X server, prints
 * "publishing" once it starts and its outcome if it ever finishes.
 */
import { Agent } from 'node:http';
import { createAdapterRegistry, handlePublishReply } from '@earshot/collectors';
import { createDb, JobBus, silentLogger } from '@earshot/db';
import { testDatabaseUrl, testRedisUrl } from '@earshot/db/testing';
import { createXAdapter, createXClient } from '@earshot/collectors';
import { FAKE_X_CREDENTIALS } from './x-oauth1.ts';

const [fakeUrl, schema, prefix, replyId] = process.argv.slice(2);
if (!fakeUrl || !schema || !prefix || !replyId) {
  console.error('usage: publish-child.ts <fake X url> <db schema> <queue prefix> <reply id>');
  process.exit(2);
}
const client = createXClient(
  { ...FAKE_X_CREDENTIALS },
  {
    timeoutMs: 10 * 60_000,
    httpAgent: new Agent({ keepAlive: false }),
    plugins: [{ onBeforeRequestConfig: ({ params }) => void (params.url = params.url.replace(/^https:\/\/api\.x\.com(?=\/)/, fakeUrl)) }],
  },
);
const runtime = { db: createDb({ url: testDatabaseUrl, schema, max: 2 }), bus: new JobBus({ redisUrl: testRedisUrl, prefix }), logger: silentLogger };
const deps = { runtime, adapters: createAdapterRegistry([createXAdapter({ client })]) };
console.log('publishing');
const outcome = await handlePublishReply(deps, { replyId }).catch((error: unknown) => `error: ${String(error)}`);
console.log(`outcome: ${outcome}`);
await runtime.bus.close();
await runtime.db.destroy();
