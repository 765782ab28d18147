import { pingDatabase, purgeExpiredSessions, type CredentialBox, type Database, type Runtime } from '@earshot/db';
import type { Decisions, PlatformRules, ReportRenderers, TrustProxy } from './server/server-context.ts';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_TTL_MS } from './server/session-tokens.ts';
import { buildServer, registeredRoutes, type RegisteredRoute } from './server/build-server.ts';
import { LiveEvents } from './server/live-events.ts';
import { Readiness } from './server/readiness.ts';

export interface WebOptions {
  port: number;
  host: string;
  staticDir?: string | undefined;
  /** Forced Secure cookies (behind HTTPS); they are Secure anyway when not listening on loopback. */
  secureCookies: boolean;
  trustProxy: TrustProxy;
  sessionIdleMs: number;
  platforms: PlatformRules;
  decisions: Decisions;
  reports: ReportRenderers;
  /** How long POST /api/reports waits for a worker (default 20 s). */
  reportWaitMs?: number | undefined;
  credentialBox: CredentialBox | undefined;
  /** A pool on a read replica (EARSHOT_DATABASE_READ_URL) for reads that tolerate lag; default: the primary. */
  readDb?: Database | undefined;
}

export interface WebRole {
  url: string;
  routes: RegisteredRoute[];
  stop(): Promise<void>;
}

/** Starts the web role: the API, live events and the dashboard. */
export async function startWeb(runtime: Runtime, options: WebOptions): Promise<WebRole> {
  const loopback = isLoopback(options.host);
  const secure = options.secureCookies || !loopback;
  if (!loopback && !options.secureCookies) {
    runtime.logger.warn(
      `Listening on ${options.host} without HTTPS settings: session cookies are Secure, so browsers sign in only over HTTPS. Put Earshot behind a TLS proxy, set EARSHOT_SECURE_COOKIES=true, and EARSHOT_TRUST_PROXY to the proxy.`,
    );
  }
  const live = new LiveEvents(runtime.bus);
  await live.start();
  const readDb = options.readDb ?? runtime.db;
  const readiness = new Readiness({
    postgresql: () => pingDatabase(runtime.db),
    redis: () => runtime.bus.ping(),
    ...(readDb !== runtime.db ? { replica: () => pingDatabase(readDb) } : {}),
  });
  const app = await buildServer(
    {
      db: runtime.db,
      readDb,
      bus: runtime.bus,
      logger: runtime.logger,
      live,
      trustProxy: options.trustProxy,
      sessionCookie: { name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, secure, idleMs: options.sessionIdleMs, ttlMs: SESSION_TTL_MS },
      platforms: options.platforms,
      decisions: options.decisions,
      reports: options.reports,
      reportWaitMs: options.reportWaitMs ?? 20_000,
      credentialBox: options.credentialBox,
      readiness,
    },
    { staticDir: options.staticDir },
  );
  const address = await app.listen({ port: options.port, host: options.host });
  // Ended sessions are refused at once; this only keeps the table small.
  const purge = async () => {
    const purged = await purgeExpiredSessions(runtime.db, options.sessionIdleMs).catch(() => 0);
    if (purged > 0) runtime.logger.info('purged ended sessions', { purged });
  };
  void purge();
  const purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
  purgeTimer.unref();
  // With a replica, check it even when nobody asks /readyz, so its reads move to the primary
  // within seconds of it going away (and back when it answers again).
  const replicaTimer = readDb !== runtime.db ? setInterval(() => void readiness.check(), REPLICA_CHECK_EVERY_MS) : undefined;
  replicaTimer?.unref();
  const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  return {
    url,
    routes: registeredRoutes(app),
    async stop() {
      clearInterval(purgeTimer);
      clearInterval(replicaTimer);
      await live.stop();
      await app.close();
    },
  };
}

const PURGE_EVERY_MS = 60 * 60_000;
const REPLICA_CHECK_EVERY_MS = 3_000;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
