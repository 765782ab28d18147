import { Kysely, PostgresDialect, type DatabaseIntrospector, type Transaction } from 'kysely';
import pg from 'pg';
import { SearchPathIntrospector } from './introspector.ts';
import type { DB } from './schema.ts';

// bigint (COUNT(*), SUM) arrives as a string by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface CreateDbOptions {
  /** postgres:// URL. */
  url: string;
  /** A schema to put first on the search path: tests use one each. */
  schema?: string | undefined;
  /** Pool size; the default suits one process running every role. */
  max?: number | undefined;
  /** Shown in pg_stat_activity; tests use it to cut exactly their own connections. */
  applicationName?: string | undefined;
}

/** Opens a pool. Call `db.destroy()` on shutdown. */
export function createDb(options: CreateDbOptions): Database {
  // The URL's own `options` (e.g. `-c default_transaction_read_only=on`) are kept with the
  // schema's; left in the URL, pg would let them replace the search path.
  let url = options.url;
  let urlOptions: string | null = null;
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    urlOptions = parsed.searchParams.get('options');
    parsed.searchParams.delete('options');
    url = parsed.toString();
  }
  // No parallel query: starting a parallel worker costs about 100 ms on a two-core machine, more
  // than the short, index-bound statements Earshot runs take (tests/bench/inbox: a rare tag's
  // page 147 ms p95 with one worker, 19 ms of it the query). A URL's own options come after, so
  // `?options=-c max_parallel_workers_per_gather=2` turns it back on.
  const serverOptions = ['-c max_parallel_workers_per_gather=0', urlOptions, options.schema ? `-c search_path=${quoteIdent(options.schema)}` : null]
    .filter((o) => o !== null)
    .join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    application_name: options.applicationName ?? 'earshot',
    ...(serverOptions ? { options: serverOptions } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor one dropped while checked out: pg fails its queries (the caller sees the error) and
  // then emits 'error' on the client, which has no listener while checked out, so PostgreSQL
  // going away between two queries would otherwise kill the process. The pool discards the
  // broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new SearchPathDialect({ pool }) });
}

/** PostgreSQL, introspected within our own schemas (see SearchPathIntrospector). */
class SearchPathDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The database handle every query function takes: the pool, or a transaction opened on it. */
export type Database = Kysely<DB>;

/** For the few functions that must run inside the caller's transaction (they take locks held to its end). */
export type DatabaseTransaction = Transaction<DB>;
