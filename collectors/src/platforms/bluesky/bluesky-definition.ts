import { z } from 'zod';
import { definePlatform, type PlatformDefinition } from '../definition.ts';
import { BLUESKY_DEFAULT_SERVICE, createBlueskyAdapter, type BlueskyAdapterOptions } from './bluesky-adapter.ts';
import { BlueskyQuerySchema, type BlueskyQuery } from './bluesky-query.ts';
import { BLUESKY_MAX_GRAPHEMES, checkBlueskyReply } from './bluesky-text.ts';

/** Bluesky app passwords: four groups of four lower-case letters or digits. */
const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/;

/** A stored Bluesky connection: the brand account and one of its app passwords. */
export const BlueskyCredentialsSchema = z.object({
  identifier: z
    .string({ error: 'the Bluesky handle is missing' })
    .trim()
    .transform((s) => s.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .min(1, 'the Bluesky handle is missing')
        .max(253, 'the Bluesky handle is too long')
        .refine((s) => /^did:[a-z]+:\S+$/.test(s) || s.includes('.'), {
          error: 'use the full handle, e.g. "acme.bsky.social" (or the account DID)',
        }),
    ),
  appPassword: z
    .string({ error: 'the app password is missing' })
    .trim()
    .min(1, 'the app password is missing')
    .toLowerCase()
    .regex(
      APP_PASSWORD,
      'this is not an app password: create one in Bluesky under Settings → Privacy and security → App passwords (it looks like abcd-efgh-ijkl-mnop); the account password is never stored',
    ),
});
export type BlueskyCredentials = z.infer<typeof BlueskyCredentialsSchema>;

export interface BlueskyDefinitionOptions extends Omit<BlueskyAdapterOptions, 'identifier' | 'appPassword'> {
  /** The PDS or entryway of the accounts connected. Default https://bsky.social; tests aim it at a fake. */
  serviceUrl?: string;
}

export function blueskyDefinition(options: BlueskyDefinitionOptions = {}): PlatformDefinition<BlueskyQuery> {
  const serviceUrl = z.url({ error: 'The Bluesky service must be an http(s) URL.' }).parse(options.serviceUrl ?? BLUESKY_DEFAULT_SERVICE);
  const example: BlueskyQuery = { keywords: ['acme air', '#acmeair', '@acmeair.bsky.social'], exclude: ['hiring'], language: 'en' };
  return definePlatform({
    platform: 'bluesky',
    label: 'Bluesky',
    credentials: {
      schema: BlueskyCredentialsSchema,
      fields: [
        { name: 'identifier', label: 'Handle of the brand account (e.g. acme.bsky.social)', secret: false, optional: false },
        { name: 'appPassword', label: 'App password (bsky.app → Settings → Privacy and security → App passwords)', secret: true, optional: false },
      ],
    },
    querySchema: BlueskyQuerySchema,
    queryExample: example,
    replyLimit: BLUESKY_MAX_GRAPHEMES,
    replyCounting: 'graphemes',
    checkReply: checkBlueskyReply,
    createAdapter({ credentials }) {
      const c = credentials;
      return createBlueskyAdapter({ ...options, serviceUrl, identifier: c.identifier, appPassword: c.appPassword });
    },
  });
}
