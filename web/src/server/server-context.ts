import type { CredentialBox, Database, JobBus, Logger, Mention } from '@earshot/db';
import type { FieldProblem, PlatformDto, ReportDto, SlaPolicyDto } from '../api/contract.ts';
import type { LiveEvents } from './live-events.ts';
import type { Readiness } from './readiness.ts';

export type Check<T = undefined> = { ok: true; value: T } | { ok: false; message: string };

/**
 * What the web role needs to know about platforms without connecting to them. The process
 * entry builds it from the collectors' platform definitions, so web depends on db only.
 */
export interface PlatformRules {
  list(): PlatformDto[];
  /** A failure lists its problems by field too (paths inside the query, worded with the field's title). */
  validateQuery(platform: string, query: unknown): { ok: true; value: unknown } | { ok: false; message: string; fields?: FieldProblem[] };
  checkReply(platform: string, text: string): Check;
  validateCredentials(platform: string, credentials: Record<string, string>): Check<Record<string, string>>;
}

/** The worker's decisions the API triggers (priority and deadlines are the worker's concept). */
export interface Decisions {
  slaPolicyFor(brandId: string): Promise<SlaPolicyDto>;
  /** Validates, stores, and recomputes open mentions' deadlines; throws AppError('BAD_REQUEST') with the reasons. */
  applySlaPolicy(brandId: string, input: unknown): Promise<{ policy: SlaPolicyDto; recomputed: number }>;
  /** Recomputes deadlines of the brand's open mentions that arrived since `since` (an incident's tighter deadlines lifted). */
  restoreIncidentDeadlines(brandId: string, since: Date): Promise<number>;
  correctMention(input: { mentionId: string; userId: string; field: 'sentiment' | 'intent' | 'priority'; value: string | number }): Promise<Mention>;
  /** The sentiment model on a reply about to be sent (the hostile-tone check). */
  replyTone(text: string): { sentiment: 'negative' | 'neutral' | 'positive'; score: number; confidence: number };
}

/**
 * The worker's report renderers, handed to the web role by the process entry like Decisions:
 * pure functions of a stored snapshot (and, for the row-level CSV, the period's mentions read
 * page by page), so a download renders exactly the figures the snapshot holds.
 */
export interface ReportRenderers {
  pdf(report: ReportDto): Promise<Buffer>;
  csv(report: ReportDto): string;
  /** CSV lines, header first, streamed in constant memory. */
  mentionsCsv(report: ReportDto): AsyncIterable<string>;
}

export type TrustProxy = false | number | string[];

export interface SessionCookieSettings {
  /** `__Host-earshot_session` when Secure (not served on loopback), else `earshot_session`. */
  name: string;
  secure: boolean;
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  ttlMs: number;
}

export interface ServerContext {
  /** The primary: every write, and every read not listed in read-pool.ts. */
  db: Database;
  /** A read replica's pool (EARSHOT_DATABASE_READ_URL), or `db` itself; reach it through readDbFor. */
  readDb: Database;
  bus: JobBus;
  logger: Logger;
  live: LiveEvents;
  /** Which proxies may set X-Forwarded-For: false (none), a hop count, or addresses/CIDRs. */
  trustProxy: TrustProxy;
  sessionCookie: SessionCookieSettings;
  platforms: PlatformRules;
  decisions: Decisions;
  reports: ReportRenderers;
  /** How long POST /api/reports waits for a worker to generate the report before answering 503. */
  reportWaitMs: number;
  /** Undefined when EARSHOT_SECRET is not set: credentials cannot be stored then. */
  credentialBox: CredentialBox | undefined;
  /** Whether PostgreSQL, Redis and the read replica (if any) answer, for `GET /readyz` and readDbFor. */
  readiness: Readiness;
}
