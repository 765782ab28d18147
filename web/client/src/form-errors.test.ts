import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractResolver, wordedResolver } from './form-errors.ts';

// Resolvers are called by React Hook Form with (values, context, options); these use only the values.
const check = (resolver: unknown, values: unknown) =>
  (
    resolver as (
      v: unknown,
      c: unknown,
      o: unknown,
    ) => {
      values: unknown;
      errors: Record<string, { message?: string; type?: string } | undefined>;
    }
  )(values, undefined, {});

describe('one resolver for every form', () => {
  const Body = z
    .object({ title: z.string().min(1), minutes: z.number().min(1, 'must be at least 1 minute') })
    .refine((b) => b.title !== 'x', 'The whole form is wrong.');
  const labels = { title: 'Title', minutes: 'Target' };

  it('checks the body a form makes, puts each problem on its field and the rest above the buttons', () => {
    type Form = { title: string; minutes: string };
    const resolver = contractResolver<Form>(
      (v) => ({ title: v.title, minutes: Number(v.minutes) }),
      Body,
      labels,
      (path) => (path === 'title' ? 'title' : path === 'minutes' ? 'minutes' : null),
    );
    const bad = check(resolver, { title: '', minutes: '0' });
    expect(bad.errors.title?.message).toBe('Title cannot be empty');
    expect(bad.errors.minutes?.message).toBe('Target must be at least 1 minute');
    expect(bad.values).toEqual({});
    expect(check(resolver, { title: 'x', minutes: '3' }).errors.root?.message).toBe(
      'The whole form is wrong.',
    );
    const good = check(resolver, { title: 'Hi', minutes: '3' });
    expect(good).toEqual({ values: { title: 'Hi', minutes: '3' }, errors: {} });
  });

  it('wordedResolver is the same checks for a form whose fields are the schema’s paths', () => {
    const bad = check(wordedResolver(Body, labels), { title: '', minutes: 0 });
    // zod's own "Too small" becomes a sentence with the field's label, as the server says it.
    expect(bad.errors.title).toEqual({ type: 'contract', message: 'Title cannot be empty' });
    expect(bad.errors.minutes?.message).toBe('Target must be at least 1 minute');
    expect(
      check(wordedResolver(Body, labels), { title: 'x', minutes: 2 }).errors.root?.message,
    ).toBe('The whole form is wrong.');
  });
});
