import { describe, expect, it } from 'vitest';
import type { PlatformDto } from '../../src/api/contract.ts';
import {
  brandLimitResolver,
  connectionFieldOf,
  connectionResolver,
  connectionToBody,
  inviteResolver,
  inviteToBody,
  tokenFieldOf,
  tokenFormProblems,
  tokenToBody,
  totpResolver,
  type TokenForm,
} from './account-forms.ts';

// Resolvers are called by React Hook Form with (values, context, options); these forms use only the values.
const check = <V>(resolver: (values: V, context: unknown, options: never) => unknown, values: V) =>
  resolver(values, undefined, {} as never) as {
    values: Partial<V>;
    errors: Record<string, { message?: string } | undefined>;
  };

const token: TokenForm = { name: 'Helpdesk', role: 'viewer', days: '', brandIds: [] };

describe('API token form', () => {
  it('sends what was filled in: no expiry and no brands when left blank', () => {
    expect(tokenToBody({ ...token, name: '  Helpdesk ' })).toEqual({
      name: 'Helpdesk',
      role: 'viewer',
    });
    expect(tokenToBody({ ...token, days: ' 30 ', brandIds: ['b'] })).toEqual({
      name: 'Helpdesk',
      role: 'viewer',
      expiresInDays: 30,
      brandIds: ['b'],
    });
    expect(tokenFormProblems(token)).toEqual([]);
  });

  it('says what is wrong by its field, in the server’s words', () => {
    expect(tokenFormProblems({ ...token, name: ' ', days: '0' })).toEqual([
      { field: 'name', message: 'Name the token after what uses it.' },
      { field: 'days', message: 'Expires after (days) must be at least 1' },
    ]);
    expect(tokenFormProblems({ ...token, days: '4000' })).toEqual([
      { field: 'days', message: 'Expires after (days) must be at most 3650' },
    ]);
    expect(tokenFieldOf('brandIds.2')).toBe('brandIds');
    expect(tokenFieldOf('somethingElse')).toBeNull();
  });
});

describe('invitation, brand limit and two-factor forms', () => {
  it('puts a bad email under the email field and sends a trimmed one', () => {
    expect(
      check(inviteResolver, { email: 'not an email', role: 'agent' }).errors.email?.message,
    ).toBe('Enter an email address such as name@example.com');
    expect(check(inviteResolver, { email: ' a@x.test ', role: 'agent' }).errors).toEqual({});
    expect(inviteToBody({ email: ' a@x.test ', role: 'agent' })).toEqual({
      email: 'a@x.test',
      role: 'agent',
    });
  });

  it('checks the brand ids and the 6-digit code before sending', () => {
    expect(check(brandLimitResolver, { brandIds: ['nope'] }).errors.brandIds?.message).toBe(
      'Each brand must be a brand id.',
    );
    expect(check(brandLimitResolver, { brandIds: [] }).errors).toEqual({});
    expect(check(totpResolver, { code: '12' }).errors.code?.message).toBe(
      'Enter the 6 digits your authenticator app shows',
    );
    expect(check(totpResolver, { code: ' 123456 ' }).errors).toEqual({});
  });
});

describe('connection form', () => {
  const platform: PlatformDto = {
    platform: 'bluesky',
    label: 'Bluesky',
    needsCredentials: true,
    credentialFields: [
      {
        name: 'identifier',
        label: 'Handle (e.g. acme.bsky.social)',
        secret: false,
        optional: false,
      },
      { name: 'appPassword', label: 'App password', secret: true, optional: false },
    ],
  } as PlatformDto;

  it('leaves blank fields out and names a too long value by its field', () => {
    expect(connectionToBody({ identifier: 'acme', appPassword: '' })).toEqual({
      credentials: { identifier: 'acme' },
    });
    const errors = check(connectionResolver(platform), {
      identifier: 'x'.repeat(4001),
      appPassword: 'p',
    }).errors;
    expect(errors.identifier?.message).toBe('Handle can be at most 4000 characters');
    expect(connectionFieldOf(platform)('credentials.appPassword')).toBe('appPassword');
    expect(connectionFieldOf(platform)('credentials.unknown')).toBeNull();
  });
});
