import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { createDb, quoteIdent, type Database } from '@earshot/db';
import { redactUrl } from './config.ts';

/** A dependency that is down or misconfigured: printed as one line, then the process exits. */
export class StartupError extends Error {}

const PG_HINT = 'Start PostgreSQL (on Debian: `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set DATABASE_URL.';
const REDIS_HINT = 'Start Redis (`redis-server --daemonize yes --port 6379`) or set REDIS_URL.';

/**
 * Opens the database pool after checking the server answers. A missing database is created
 * (first start on a fresh machine); anything else becomes one readable line.
 */
export async function connectPostgres(
  url: string,
  options: { schema?: string | undefined; max?: number; applicationName?: string | undefined; variable?: string } = {},
): Promise<Database> {
  const db = createDb({ url, schema: options.schema, max: options.max, applicationName: options.applicationName });
  try {
    await sql`select 1`.execute(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const variable = options.variable ?? 'DATABASE_URL';
    // Only the primary is created on first start: a replica has whatever the primary has.
    if (pgCode(error) === '3D000' && variable === 'DATABASE_URL') {
      await createDatabase(url);
      return connectPostgres(url, options);
    }
    const hint = variable === 'DATABASE_URL' ? PG_HINT : `Check the replica is running and has the database, or unset ${variable} to read from DATABASE_URL.`;
    throw new StartupError(`Cannot reach PostgreSQL at ${redactUrl(url)} (${variable}: ${describe(error)}). ${hint}`);
  }
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = createDb({ url: maintenance.toString(), max: 1 });
  try {
    await sql`create database ${sql.raw(quoteIdent(name))}`.execute(admin);
  } catch (error) {
    // Another process created it first: fine.
    if (pgCode(error) !== '42P04') {
      throw new StartupError(`Database "${name}" does not exist and could not be created at ${redactUrl(url)} (${describe(error)}). Create it, or point DATABASE_URL at an existing one.`);
    }
  } finally {
    await admin.destroy();
  }
}

/** Checks Redis answers a PING within a few seconds. */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  let lastError: unknown;
  client.on('error', (error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
    const policy = (await client.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
    if (policy[1] && policy[1] !== 'noeviction') {
      throw new StartupError(`Redis at ${redactUrl(url)} evicts keys (maxmemory-policy ${policy[1]}), which would drop queued jobs. Set \`maxmemory-policy noeviction\`.`);
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`Cannot reach Redis at ${redactUrl(url)} (${describe(lastError ?? error)}). ${REDIS_HINT}`);
  } finally {
    client.disconnect();
  }
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const e = error as { code?: string; message?: string };
  return e.code && e.message && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : (e.message ?? e.code ?? String(error));
}
