import type { CredentialBox, Database, JobBus, Logger, Mention } from '@earshot/db';
import type { PlatformDto, SlaPolicyDto } from '../api/contract.ts';
import type { LiveEvents } from './live-events.ts';

export type Check<T = undefined> = { ok: true; value: T } | { ok: false; message: string };

/**
 * What the web role needs to know about platforms without connecting to them. The process
 * entry builds it from the collectors' platform definitions, so web depends on db only.
 */
export interface PlatformRules {
  list(): PlatformDto[];
  validateQuery(platform: string, query: unknown): Check<unknown>;
  checkReply(platform: string, text: string): Check;
  validateCredentials(platform: string, credentials: Record<string, string>): Check<Record<string, string>>;
}

/** The worker's decisions the API triggers (priority and deadlines are the worker's concept). */
export interface Decisions {
  slaPolicyFor(brandId: string): Promise<SlaPolicyDto>;
  /** Validates, stores, and recomputes open mentions' deadlines; throws AppError('BAD_REQUEST') with the reasons. */
  applySlaPolicy(brandId: string, input: unknown): Promise<{ policy: SlaPolicyDto; recomputed: number }>;
  correctMention(input: { mentionId: string; userId: string; field: 'sentiment' | 'intent' | 'priority'; value: string | number }): Promise<Mention>;
}

export interface ServerContext {
  db: Database;
  bus: JobBus;
  logger: Logger;
  live: LiveEvents;
  secureCookies: boolean;
  platforms: PlatformRules;
  decisions: Decisions;
  /** Undefined when EARSHOT_SECRET is not set: credentials cannot be stored then. */
  credentialBox: CredentialBox | undefined;
}
