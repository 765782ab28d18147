import { z } from 'zod';
import {
  EmailChannelConfigSchema,
  QuietHoursSchema,
  SeveritySchema,
  WebhookChannelConfigSchema,
} from '@earshot/db';
import type { ChannelPatchBody, NewChannelBody } from '../../api/channels-contract.ts';

// Request bodies of the channel routes, with the channel config schemas from db/ (the worker
// parses stored channels with the same ones).

const Common = {
  /** Null: every brand. */
  brandId: z.uuid().nullable(),
  name: z.string().trim().min(1).max(100),
  minSeverity: SeveritySchema.default('low'),
  quietHours: QuietHoursSchema.nullable().default(null),
  enabled: z.boolean().default(true),
};

export const NewChannelBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), ...Common, config: EmailChannelConfigSchema }),
  z.object({
    kind: z.literal('webhook'),
    ...Common,
    config: WebhookChannelConfigSchema,
    /** Bring your own (at least 24 characters), or leave it out and Earshot makes one. */
    signingSecret: z.string().min(24, 'must be at least 24 characters').max(200).optional(),
  }),
]);

export const ChannelPatchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Checked against the channel's kind. */
    config: z.record(z.string(), z.unknown()),
    minSeverity: SeveritySchema,
    quietHours: QuietHoursSchema.nullable(),
    enabled: z.boolean(),
    /** Webhooks: replace the signing secret with a new one, returned once. */
    rotateSecret: z.literal(true),
  })
  .partial()
  .strict();

// The dashboard's body types must stay what the server accepts: this fails to compile otherwise.
export const bodyTypesFit: [
  NewChannelBody extends z.input<typeof NewChannelBodySchema> ? true : false,
  ChannelPatchBody extends z.input<typeof ChannelPatchBodySchema> ? true : false,
] = [true, true];
