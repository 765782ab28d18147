import type { CredentialBox, Runtime } from '@earshot/db';
import type { Decisions, PlatformRules } from './server/server-context.ts';
import { buildServer } from './server/build-server.ts';
import { LiveEvents } from './server/live-events.ts';

export interface WebOptions {
  port: number;
  host: string;
  staticDir?: string | undefined;
  secureCookies: boolean;
  platforms: PlatformRules;
  decisions: Decisions;
  credentialBox: CredentialBox | undefined;
}

export interface WebRole {
  url: string;
  stop(): Promise<void>;
}

/** Starts the web role: the API, live events and the dashboard. */
export async function startWeb(runtime: Runtime, options: WebOptions): Promise<WebRole> {
  const live = new LiveEvents(runtime.bus);
  await live.start();
  const app = await buildServer(
    {
      db: runtime.db,
      bus: runtime.bus,
      logger: runtime.logger,
      live,
      secureCookies: options.secureCookies,
      platforms: options.platforms,
      decisions: options.decisions,
      credentialBox: options.credentialBox,
    },
    { staticDir: options.staticDir },
  );
  const address = await app.listen({ port: options.port, host: options.host });
  const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  return {
    url,
    async stop() {
      await live.stop();
      await app.close();
    },
  };
}
