import type { z } from 'zod';
import type { Database } from '@earshot/db';
import type { PlatformAdapter } from './adapter.ts';

export interface CredentialField<Name extends string = string> {
  name: Name;
  label: string;
  secret: boolean;
  optional: boolean;
}

/** Stored credentials once checked: text values by field name (an optional field may be absent). */
export type CredentialValues = Record<string, string | undefined>;

/**
 * What is known about a platform without connecting to it: how to validate a stream query,
 * how long a reply may be, which credentials it takes, and how to build its adapter. The
 * web role uses the first three (it never connects); the collectors role builds adapters.
 * Made by definePlatform, which checks each platform's own types.
 */
export interface PlatformDefinition<Q = unknown> {
  platform: string;
  label: string;
  /** null for a platform that needs none (the demo). */
  credentials: { schema: z.ZodType<CredentialValues>; fields: CredentialField[] } | null;
  querySchema: z.ZodType<Q>;
  queryExample: Q;
  replyLimit: number;
  /** How the platform counts `replyLimit`: the dashboard's counter and the server count the same way. */
  replyCounting: 'x-weighted' | 'graphemes' | 'code-points';
  checkReply(text: string): { ok: true } | { ok: false; message: string };
  /**
   * Builds the adapter. Credentials are checked with the platform's schema here again: a
   * stored connection that no longer fits (an older version's) fails with its message.
   */
  createAdapter(context: { db: Database; credentials: CredentialValues | null }): PlatformAdapter<Q>;
}

interface SpecBase<Q> {
  platform: string;
  label: string;
  querySchema: z.ZodType<Q>;
  queryExample: NoInfer<Q>;
  replyLimit: number;
  replyCounting: PlatformDefinition['replyCounting'];
  checkReply(text: string): { ok: true } | { ok: false; message: string };
}

/** A platform that needs no credentials (the demo). */
export interface OpenPlatformSpec<Q> extends SpecBase<Q> {
  credentials: null;
  createAdapter(context: { db: Database }): PlatformAdapter<Q>;
}

/** A platform with credentials of type C: every field names a key of C, and createAdapter gets a C. */
export interface ConnectedPlatformSpec<Q, C extends CredentialValues> extends SpecBase<Q> {
  credentials: { schema: z.ZodType<C>; fields: CredentialField<Extract<keyof C, string>>[] };
  createAdapter(context: { db: Database; credentials: C }): PlatformAdapter<Q>;
}

/**
 * Declares a platform. The compiler checks the query example against the query schema, the
 * credential fields against the credentials schema, and hands createAdapter credentials of
 * the schema's own type (parsed here), so no definition needs a cast.
 */
export function definePlatform<Q>(spec: OpenPlatformSpec<Q>): PlatformDefinition<Q>;
export function definePlatform<Q, C extends CredentialValues>(spec: ConnectedPlatformSpec<Q, C>): PlatformDefinition<Q>;
export function definePlatform<Q, C extends CredentialValues>(spec: OpenPlatformSpec<Q> | ConnectedPlatformSpec<Q, C>): PlatformDefinition<Q> {
  const base = {
    platform: spec.platform,
    label: spec.label,
    querySchema: spec.querySchema,
    queryExample: spec.queryExample,
    replyLimit: spec.replyLimit,
    replyCounting: spec.replyCounting,
    checkReply: (text: string) => spec.checkReply(text),
  };
  if (spec.credentials === null) {
    const build = spec.createAdapter;
    return { ...base, credentials: null, createAdapter: ({ db }) => build({ db }) };
  }
  const { schema, fields } = spec.credentials;
  const build = spec.createAdapter;
  return {
    ...base,
    credentials: { schema, fields },
    createAdapter: ({ db, credentials }) => build({ db, credentials: schema.parse(credentials) }),
  };
}
