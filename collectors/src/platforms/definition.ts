import type { z } from 'zod';
import type { Database } from '@earshot/db';
import type { PlatformAdapter } from './adapter.ts';

export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
  optional: boolean;
}

/**
 * What is known about a platform without connecting to it: how to validate a stream query,
 * how long a reply may be, which credentials it takes, and how to build its adapter. The
 * web role uses the first three (it never connects); the collectors role builds adapters.
 */
export interface PlatformDefinition<Q = unknown> {
  platform: string;
  label: string;
  /** null for a platform that needs none (the demo). */
  credentials: { schema: z.ZodType<Record<string, string>>; fields: CredentialField[] } | null;
  querySchema: z.ZodType<Q>;
  queryExample: Q;
  replyLimit: number;
  /** How the platform counts `replyLimit`: the dashboard's counter and the server count the same way. */
  replyCounting: 'x-weighted' | 'graphemes' | 'code-points';
  checkReply(text: string): { ok: true } | { ok: false; message: string };
  createAdapter(context: { db: Database; credentials: Record<string, string> | null }): PlatformAdapter<Q>;
}
