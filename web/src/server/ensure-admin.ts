import { randomBytes } from 'node:crypto';
import { countUsers, insertUser, type Database } from '@earshot/db';
import { hashPassword } from './passwords.ts';

/**
 * On the first start (no users yet) creates the admin account. Returns the password only
 * when it was generated here, so the caller can print it once.
 */
export async function ensureAdmin(
  db: Database,
  input: { email: string; password?: string | undefined },
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const generated = input.password ? undefined : randomBytes(12).toString('base64url');
  const password = input.password ?? generated!;
  await insertUser(db, { email: input.email, name: 'Admin', passwordHash: await hashPassword(password), role: 'admin' });
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}
