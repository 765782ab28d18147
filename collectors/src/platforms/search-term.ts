import { z } from 'zod';

/**
 * One keyword, phrase or exclusion of a stream query, for platforms that search each term as
 * an exact word or phrase. Shared so every platform words these rules the same way.
 */
export const SearchTermSchema = z
  .string({ error: 'Keywords and exclusions must be text.' })
  .trim()
  .min(1, 'A keyword or exclusion cannot be blank.')
  .max(100, 'A keyword or phrase can be at most 100 characters.')
  .refine((t) => !t.includes('"'), {
    error: 'Leave out double quotes: every keyword is already searched as an exact word or phrase.',
  });
