import { Agent } from 'node:http';
import { createXClient, type XCredentials } from '@earshot/collectors';
import { FAKE_X_CREDENTIALS, type FakeXServer } from './fake-x-server.ts';

export type XClient = ReturnType<typeof createXClient>;

/**
 * The real twitter-api-v2 client, built by the adapter's own factory, aimed at the fake:
 * a plugin rewrites https://api.x.com to the fake's loopback address (before the request is
 * signed, so OAuth signatures cover the URL actually used) and a plain http.Agent carries it.
 */
export function createFakeXClient(fake: FakeXServer, options: { credentials?: XCredentials; timeoutMs?: number } = {}): XClient {
  return createXClient(options.credentials ?? { ...FAKE_X_CREDENTIALS }, {
    timeoutMs: options.timeoutMs ?? 3_000,
    httpAgent: new Agent({ keepAlive: false }),
    plugins: [
      {
        onBeforeRequestConfig({ params }) {
          params.url = params.url.replace(/^https:\/\/api\.x\.com(?=\/)/, fake.url);
        },
      },
    ],
  });
}
