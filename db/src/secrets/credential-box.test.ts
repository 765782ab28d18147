import { describe, expect, it } from 'vitest';
import { CredentialBox, CredentialBoxError } from './credential-box.ts';

const secret = 'a'.repeat(40);

describe('CredentialBox', () => {
  it('round-trips and never leaves the plaintext in the sealed form', () => {
    const box = new CredentialBox(secret);
    const sealed = box.seal('x', { appKey: 'key-123456', appSecret: 'very-secret-value' });
    expect(sealed).not.toContain('very-secret-value');
    expect(box.open('x', sealed)).toEqual({ appKey: 'key-123456', appSecret: 'very-secret-value' });
  });

  it('refuses another secret, another platform, and tampering with a clear message', () => {
    const sealed = new CredentialBox(secret).seal('x', { token: 't' });
    expect(() => new CredentialBox('b'.repeat(40)).open('x', sealed)).toThrow(/EARSHOT_SECRET is not the one/);
    expect(() => new CredentialBox(secret).open('reddit', sealed)).toThrow(CredentialBoxError);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => new CredentialBox(secret).open('x', flipped)).toThrow(CredentialBoxError);
    expect(() => new CredentialBox('short')).toThrow(/at least 32/);
  });
});
