import { ALL_BRANDS, CredentialBox, JobBus, ensureBrand, insertStream, listStreams, migrateToLatest, type Database, type Logger, type Runtime } from '@earshot/db';
import {
  blueskyDefinition,
  ConnectedAdapters,
  createAdapterRegistry,
  demoDefinition,
  redditDefinition,
  startCollectors,
  xDefinition,
  type PlatformAdapter,
  type PlatformDefinition,
} from '@earshot/collectors';
import { startWorker } from '@earshot/worker';
import { dashboardDir, ensureAdmin, startWeb, type RegisteredRoute } from '@earshot/web';
import type { Config } from './config.ts';
import { checkRedis, connectPostgres, StartupError } from './connect.ts';
import { workerDecisions } from './decisions.ts';
import { workerReportRenderers } from './report-renderers.ts';
import { platformRulesFrom } from './platform-rules.ts';

/** Every platform this build can talk to. Adding one means adding its definition here. */
export function platformDefinitions(config: Config): PlatformDefinition[] {
  return [
    demoDefinition({ replyLatencyMs: config.EARSHOT_DEMO_REPLY_LATENCY_MS }),
    xDefinition(),
    redditDefinition(),
    blueskyDefinition(),
  ];
}

export const ROLES = ['web', 'worker', 'collectors'] as const;
export type Role = (typeof ROLES)[number];

export interface StartOptions {
  roles: readonly Role[];
  logger: Logger;
  /** Tests: a schema of their own. */
  schema?: string;
  /** Tests: faster sweeps and scheduler syncs. */
  timings?: { syncIntervalMs?: number; sweepIntervalMs?: number; stuckAfterMs?: number; brandModelCheckMs?: number; brandModelTtlMs?: number; reportWaitMs?: number };
  /** Tests: platform adapters of their own instead of the configured ones. */
  adapters?: (db: Database) => PlatformAdapter[];
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  /** Prints the first-start admin password; tests capture it instead. */
  onAdminCreated?: (email: string, generatedPassword: string | undefined) => void;
}

export interface Earshot {
  url: string | undefined;
  /** Every HTTP route the web role registered, with who may call it (empty without web). */
  routes: RegisteredRoute[];
  runtime: Runtime;
  stop(): Promise<void>;
}

/** Starts the chosen roles in this process on shared connections. */
export async function startEarshot(config: Config, options: StartOptions): Promise<Earshot> {
  const { logger } = options;
  const db = await connectPostgres(config.DATABASE_URL, { schema: options.schema, max: 20, applicationName: options.applicationName });
  const stops: (() => Promise<void>)[] = [];
  let bus: JobBus | undefined;
  let readDb: Database | undefined;
  try {
    await checkRedis(config.REDIS_URL);
    await migrateToLatest(db, options.schema);
    bus = new JobBus({ redisUrl: config.REDIS_URL, prefix: config.EARSHOT_QUEUE_PREFIX });
    const runtime: Runtime = { db, bus, logger };

    if (options.roles.includes('collectors') || options.roles.includes('web')) await ensureDemoStream(db, config, logger);

    if (options.roles.includes('worker')) {
      const worker = startWorker(runtime, {
        concurrency: config.EARSHOT_WORKER_CONCURRENCY,
        ...(options.timings?.brandModelCheckMs ? { brandModelCheckMs: options.timings.brandModelCheckMs } : {}),
        ...(options.timings?.brandModelTtlMs ? { brandModelTtlMs: options.timings.brandModelTtlMs } : {}),
        delivery: {
          mail: config.EARSHOT_SMTP_URL && config.EARSHOT_MAIL_FROM ? { smtpUrl: config.EARSHOT_SMTP_URL, from: config.EARSHOT_MAIL_FROM } : undefined,
          credentialBox: config.EARSHOT_SECRET ? new CredentialBox(config.EARSHOT_SECRET) : undefined,
          publicUrl: config.EARSHOT_PUBLIC_URL ?? `http://localhost:${config.PORT}`,
          requeueAfterMs: config.EARSHOT_REQUEUE_AFTER_MS,
          lockMs: config.EARSHOT_JOB_LOCK_MS,
          ...(options.timings?.sweepIntervalMs ? { sweepIntervalMs: options.timings.sweepIntervalMs } : {}),
        },
      });
      stops.push(() => worker.stop());
    }
    if (options.roles.includes('collectors')) {
      const adapters = options.adapters
        ? createAdapterRegistry(options.adapters(db))
        : new ConnectedAdapters(db, platformDefinitions(config), config.EARSHOT_SECRET, logger);
      const collectors = await startCollectors(runtime, {
        adapters,
        stuckAfterMs: config.EARSHOT_REQUEUE_AFTER_MS,
        lockMs: config.EARSHOT_JOB_LOCK_MS,
        pollConcurrency: config.EARSHOT_POLL_CONCURRENCY,
        ...collectorTimings(options.timings),
      });
      stops.push(() => collectors.stop());
    }
    let url: string | undefined;
    let routes: RegisteredRoute[] = [];
    if (options.roles.includes('web')) {
      const admin = await ensureAdmin(db, { email: config.EARSHOT_ADMIN_EMAIL, password: config.EARSHOT_ADMIN_PASSWORD });
      if (admin.created) options.onAdminCreated?.(config.EARSHOT_ADMIN_EMAIL, admin.generatedPassword);
      if (config.EARSHOT_DATABASE_READ_URL) {
        readDb = await connectPostgres(config.EARSHOT_DATABASE_READ_URL, {
          schema: options.schema,
          max: 20,
          applicationName: `${options.applicationName ?? 'earshot'}-read`,
          variable: 'EARSHOT_DATABASE_READ_URL',
        });
      }
      const web = await startWeb(runtime, {
        port: config.PORT,
        host: config.HOST,
        staticDir: dashboardDir,
        secureCookies: config.EARSHOT_SECURE_COOKIES,
        trustProxy: config.EARSHOT_TRUST_PROXY,
        sessionIdleMs: config.EARSHOT_SESSION_IDLE_MINUTES * 60_000,
        platforms: platformRulesFrom(platformDefinitions(config)),
        decisions: workerDecisions(db),
        reports: workerReportRenderers(db),
        readDb,
        reportWaitMs: options.timings?.reportWaitMs,
        credentialBox: config.EARSHOT_SECRET ? new CredentialBox(config.EARSHOT_SECRET) : undefined,
      }).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'EADDRINUSE') {
          throw new StartupError(`Port ${config.PORT} on ${config.HOST} is already in use (is Earshot already running?). Stop the other process or set PORT.`);
        }
        throw error;
      });
      url = web.url;
      routes = web.routes;
      stops.push(() => web.stop());
    }
    const activeBus = bus;
    return {
      url,
      routes,
      runtime,
      async stop() {
        // Web first (no new replies), then consumers finish their current jobs.
        for (const stop of stops.reverse()) await stop().catch((e) => logger.warn('stop failed', { error: String(e) }));
        await activeBus.close();
        await readDb?.destroy();
        await db.destroy();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await readDb?.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * With no platform connected, a demo brand and stream give a new install a live inbox.
 * Created once; deleting or disabling the stream is respected.
 */
async function ensureDemoStream(db: Database, config: Config, logger: Logger): Promise<void> {
  if (config.EARSHOT_DEMO === 'off') return;
  const streams = await listStreams(db, ALL_BRANDS);
  if (streams.some((s) => s.platform === 'demo')) return;
  if (config.EARSHOT_DEMO === 'auto' && streams.length > 0) return;
  const brand = await ensureBrand(db, 'Demo Airlines');
  await insertStream(db, {
    brandId: brand.id,
    platform: 'demo',
    name: 'Demo: replayed airline tweets',
    query: { startedAt: new Date().toISOString(), perMinute: config.EARSHOT_DEMO_PER_MINUTE, backlog: 40 },
    pollIntervalMs: 5_000,
  });
  logger.info('created the demo stream: replaying real customer tweets', { perMinute: config.EARSHOT_DEMO_PER_MINUTE });
}

function collectorTimings(timings: StartOptions['timings']): { syncIntervalMs?: number; sweepIntervalMs?: number; stuckAfterMs?: number } {
  const { brandModelCheckMs: _check, brandModelTtlMs: _ttl, reportWaitMs: _wait, ...rest } = timings ?? {};
  return rest;
}
