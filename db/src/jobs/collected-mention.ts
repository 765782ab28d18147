import { z } from 'zod';

/** The longest mention (or context) text stored; a Reddit self post can be 40,000 characters plus its title. */
export const MENTION_TEXT_MAX = 40_000;

/** Text cut to what a mention may hold, for platforms whose posts can be longer. */
export function clipMentionText(text: string): string {
  return text.length > MENTION_TEXT_MAX ? text.slice(0, MENTION_TEXT_MAX) : text;
}

/**
 * A mention as any platform adapter hands it over: platform-neutral, validated, with no
 * analysis yet. Pages of them wait in `collected_pages` (json) until analyzed.
 */
export const CollectedMentionSchema = z.object({
  externalId: z.string().min(1).max(200),
  url: z.url().max(2000).nullable(),
  text: z.string().max(MENTION_TEXT_MAX),
  lang: z.string().max(20).nullable(),
  postedAt: z.iso.datetime({ offset: true }),
  author: z.object({
    externalId: z.string().max(200).nullable(),
    handle: z.string().min(1).max(200),
    name: z.string().max(400).nullable(),
    followers: z.number().int().nonnegative().nullable(),
    verified: z.boolean(),
  }),
  /** The post this one replies to, when the platform says. */
  context: z
    .object({
      externalId: z.string().max(200),
      authorHandle: z.string().max(200).nullable(),
      text: z.string().max(MENTION_TEXT_MAX).nullable(),
    })
    .nullable(),
});
export type CollectedMention = z.infer<typeof CollectedMentionSchema>;
