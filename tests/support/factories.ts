import { randomUUID } from 'node:crypto';
import { ensureBrand, insertStream, insertUser, setUserBrands, type Brand, type Database, type Stream, type User, type UserRole } from '@earshot/db';
import { hashPassword } from '@earshot/web';
import { signedInClient, type ApiClient } from './api-client.ts';
import type { TestApp } from './start-test-app.ts';

// The test factories, in one place: a new column or a changed rule for a brand, stream or
// user changes this file, not every test. Mention rows: buildMention (@earshot/db/testing).
export { buildMention } from '@earshot/db/testing';

/** A brand; by default with a name no other test uses. */
export async function seedBrand(db: Database, name = `Brand ${randomUUID().slice(0, 8)}`): Promise<Brand> {
  return ensureBrand(db, name);
}

export interface SeedStreamOptions {
  brandId: string;
  /** `demo` unless given. */
  platform?: string;
  name?: string;
  /** The platform's query; a demo stream replays from now at one mention a minute unless given. */
  query?: Record<string, unknown>;
  pollIntervalMs?: number;
  readBudgetMonthly?: number | null;
}

/** A stream of a brand; a quiet demo stream unless told otherwise. */
export async function seedStream(db: Database, options: SeedStreamOptions): Promise<Stream> {
  const platform = options.platform ?? 'demo';
  return insertStream(db, {
    brandId: options.brandId,
    platform,
    name: options.name ?? `${platform} stream ${randomUUID().slice(0, 8)}`,
    query: options.query ?? (platform === 'demo' ? { startedAt: new Date().toISOString(), perMinute: 1 } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.readBudgetMonthly !== undefined ? { readBudgetMonthly: options.readBudgetMonthly } : {}),
  });
}

export interface SeedUserOptions {
  role: UserRole;
  email?: string;
  name?: string;
  password?: string;
  /** Limits the user to these brands; every brand unless given. */
  brandIds?: readonly string[];
}

// scrypt is slow on purpose (tens of milliseconds a hash): a password several users share in a
// test file is hashed once. Salted per hash or not, any stored hash of it verifies.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (hash === undefined) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/** A user who can sign in: returns the row and the password it was given. */
export async function seedUser(db: Database, options: SeedUserOptions): Promise<{ user: User; email: string; password: string }> {
  const email = options.email ?? `${options.role}-${randomUUID().slice(0, 8)}@example.test`;
  const password = options.password ?? `pw-${randomUUID()}`;
  const user = await insertUser(db, { email, name: options.name ?? `Test ${options.role}`, passwordHash: await hashOnce(password), role: options.role });
  if (options.brandIds !== undefined) await setUserBrands(db, user.id, options.brandIds);
  return { user, email, password };
}

/** A user (as seedUser makes) and an API client signed in as them. */
export async function seedSignedInUser(app: TestApp, options: SeedUserOptions): Promise<{ user: User; email: string; password: string; client: ApiClient }> {
  const seeded = await seedUser(app.db, options);
  return { ...seeded, client: await signedInClient(app, seeded) };
}
