import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** Thrown when sealed credentials cannot be opened: wrong or changed secret, or tampered data. */
export class CredentialBoxError extends Error {}

/**
 * Seals and opens platform credentials with AES-256-GCM. The key is derived from
 * EARSHOT_SECRET with HKDF; the platform name is bound in as associated data, so a sealed
 * X credential cannot be replayed as Reddit's.
 */
export class CredentialBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new CredentialBoxError('EARSHOT_SECRET must be at least 32 characters.');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'earshot', 'platform-credentials-v1', 32));
  }

  seal(platform: string, credentials: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(platform));
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(platform: string, sealed: string): Record<string, string> {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || !payload) throw new CredentialBoxError(`Stored ${platform} credentials are in an unknown format.`);
    const raw = Buffer.from(payload, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(platform));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new CredentialBoxError(
        `Stored ${platform} credentials cannot be decrypted: EARSHOT_SECRET is not the one they were saved with. Restore it, or enter the credentials again.`,
      );
    }
  }
}
