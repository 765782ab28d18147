import { randomBytes } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { ALL_BRANDS, AppError, changeUserAccess, findUserByEmail, insertAuditEntry, insertUser, listBrands, listUserBrandLimits, listUsers, migrateToLatest, setTotp, setUserBrands, setUserPassword, type Database, type User, type UserRole } from '@earshot/db';
import { hashPassword } from '@earshot/web';
import { ConfigError, loadConfig } from './config.ts';
import { connectPostgres } from './connect.ts';

// One line, so every error stays one line.
const USAGE =
  'earshot users add --email <email> --name <name> [--role viewer|agent|manager|admin] [--brands <brand,brand>] [--password-stdin] | users list | users brands <email> <brand,brand>|--all | users disable|enable <email> | users role <email> <role> | users set-password <email> [--password-stdin] | users reset-2fa <email>';

const ROLES = ['viewer', 'agent', 'manager', 'admin'] as const;
/** Who the audit log names for what the CLI does: whoever can run it on the server. */
const CLI_ACTOR = { id: null, label: 'cli' };

const AddSchema = z.object({
  email: z.email('--email must be an email address').max(320),
  name: z.string().trim().min(1, '--name must not be empty').max(100),
  role: z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` }),
});

/** `earshot users <add|list|disable|enable>`. */
export async function usersCommand(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'add':
      return add(rest);
    case 'list':
      noArguments('list', rest);
      return withDb(list);
    case 'disable':
    case 'enable':
      return setDisabled(command, rest);
    case 'role':
      return setRole(rest);
    case 'set-password':
      return setPassword(rest);
    case 'reset-2fa':
      return resetTotp(rest);
    case 'brands':
      return setBrands(rest);
    default:
      throw new ConfigError(`${command === undefined ? 'Name a users command' : `Unknown users command "${command}"`}. Usage: ${USAGE}`);
  }
}

async function add(args: string[]): Promise<number> {
  const values = parse(args, { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, brands: { type: 'string' }, 'password-stdin': { type: 'boolean' } }) as {
    email?: string;
    name?: string;
    role?: string;
    brands?: string;
    'password-stdin'?: boolean;
  };
  if (values.email === undefined || values.name === undefined) throw new ConfigError(`users add needs --email and --name. Usage: ${USAGE}`);
  const input = AddSchema.safeParse({ email: values.email, name: values.name, role: values.role ?? 'agent' });
  if (!input.success) throw new ConfigError(`${input.error.issues.map((i) => i.message).join('; ')}.`);
  const { password, generated } = await choosePassword(values['password-stdin'] === true);
  const role: UserRole = input.data.role;
  const passwordHash = await hashPassword(password);
  return withDb(async (db) => {
    if (await findUserByEmail(db, input.data.email)) throw new ConfigError(`${input.data.email.toLowerCase()} already has an account: see earshot users list.`);
    const brands = values.brands === undefined ? [] : await brandsNamed(db, values.brands);
    const user = await insertUser(db, { email: input.data.email, name: input.data.name, passwordHash, role });
    await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'user.created', target: { type: 'user', id: user.id }, details: { email: user.email, role } });
    if (brands.length > 0) {
      await setUserBrands(db, user.id, brands.map((b) => b.id));
      await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'user.brands_changed', target: { type: 'user', id: user.id }, details: { email: user.email, brands: brands.map((b) => b.name) } });
    }
    process.stdout.write(
      generated
        ? `Created ${user.email} (${role}) with password ${password}\n(shown once: pass --password-stdin to choose one)\n`
        : `Created ${user.email} (${role}).\n`,
    );
    return 0;
  });
}

async function list(db: Database): Promise<number> {
  const [users, limits, brands] = await Promise.all([listUsers(db), listUserBrandLimits(db), listBrands(db, ALL_BRANDS)]);
  const nameOf = new Map(brands.map((b) => [b.id, b.name]));
  const brandsOf = (id: string) => limits.get(id)?.map((b) => nameOf.get(b) ?? b).join(',') ?? 'all';
  const rows = users.map((u) => [u.email, u.name, u.role, u.disabled_at ? `disabled ${u.disabled_at.toISOString().slice(0, 10)}` : 'active', brandsOf(u.id), u.created_at.toISOString().slice(0, 10)]);
  const header = ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'BRANDS', 'CREATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) process.stdout.write(`${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
  return 0;
}

async function setDisabled(command: 'disable' | 'enable', args: string[]): Promise<number> {
  const [email, ...extra] = args;
  if (email === undefined || email.startsWith('-') || extra.length > 0) throw new ConfigError(`users ${command} takes one email. Usage: ${USAGE}`);
  return withDb(async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new ConfigError(`No user ${email.toLowerCase()}: see earshot users list.`);
    let result;
    try {
      result = await changeUserAccess(db, user.id, { disabled: command === 'disable' });
    } catch (error) {
      if (error instanceof AppError) throw new ConfigError(error.message);
      throw error;
    }
    const changed = (result.before.disabled_at === null) !== (result.after.disabled_at === null);
    if (changed) {
      await insertAuditEntry(db, { actor: CLI_ACTOR, action: command === 'disable' ? 'user.disabled' : 'user.enabled', target: { type: 'user', id: user.id }, details: { email: user.email, ...(command === 'disable' ? { sessionsEnded: result.sessionsEnded } : {}) } });
    }
    process.stdout.write(
      !changed
        ? `${user.email} was already ${command}d.\n`
        : command === 'disable'
          ? `Disabled ${user.email}; ${result.sessionsEnded} session${result.sessionsEnded === 1 ? '' : 's'} ended.\n`
          : `Enabled ${user.email}; they can sign in again.\n`,
    );
    return 0;
  });
}

/** `users role <email> <role>`: the last active admin is kept, as in the dashboard. */
async function setRole(args: string[]): Promise<number> {
  const [email, role, ...extra] = args;
  if (email === undefined || role === undefined || extra.length > 0) throw new ConfigError(`users role takes an email and a role. Usage: ${USAGE}`);
  const parsed = AddSchema.shape.role.safeParse(role);
  if (!parsed.success) throw new ConfigError(`The role must be one of ${ROLES.join(', ')}.`);
  return withUser(email, async (db, user) => {
    const { before, after } = await appErrorsAsConfig(() => changeUserAccess(db, user.id, { role: parsed.data }));
    if (before.role !== after.role) {
      await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'user.role_changed', target: { type: 'user', id: user.id }, details: { email: user.email, from: before.role, to: after.role } });
    }
    process.stdout.write(before.role === after.role ? `${user.email} already is ${after.role}.\n` : `${user.email} is now ${after.role} (was ${before.role}).\n`);
    return 0;
  });
}

/** `users set-password <email>`: for someone locked out; their sessions end. */
async function setPassword(args: string[]): Promise<number> {
  const positionals = args.filter((a) => a !== '--password-stdin');
  const unknown = positionals.find((a) => a.startsWith('-'));
  if (unknown) throw new ConfigError(`Unknown option '${unknown}'. Usage: ${USAGE}`);
  const [email, ...extra] = positionals;
  if (email === undefined || extra.length > 0) throw new ConfigError(`users set-password takes one email. Usage: ${USAGE}`);
  const { password, generated } = await choosePassword(args.includes('--password-stdin'));
  const passwordHash = await hashPassword(password);
  return withUser(email, async (db, user) => {
    const ended = await setUserPassword(db, user.id, passwordHash);
    await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'user.password_set', target: { type: 'user', id: user.id }, details: { email: user.email, sessionsEnded: ended } });
    process.stdout.write(
      `${generated ? `New password for ${user.email}: ${password}\n(shown once)` : `Changed the password of ${user.email}.`} ${ended} session${ended === 1 ? '' : 's'} ended.\n`,
    );
    return 0;
  });
}

/** `users reset-2fa <email>`: a lost phone, even the last admin's, is recovered from the server's shell. */
async function resetTotp(args: string[]): Promise<number> {
  const [email, ...extra] = args;
  if (email === undefined || email.startsWith('-') || extra.length > 0) throw new ConfigError(`users reset-2fa takes one email. Usage: ${USAGE}`);
  return withUser(email, async (db, user) => {
    if (user.totp_secret === null && user.totp_pending_secret === null) {
      process.stdout.write(`${user.email} has no two-factor sign-in to reset.\n`);
      return 0;
    }
    await setTotp(db, user.id, { disable: true });
    await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'totp.disabled', target: { type: 'user', id: user.id }, details: { email: user.email, reset: true } });
    process.stdout.write(`Turned off two-factor sign-in for ${user.email}: they sign in with their password and can set it up again.\n`);
    return 0;
  });
}

/** `users brands <email> <brand,brand>` limits a user to those brands; `--all` lifts the limit. */
async function setBrands(args: string[]): Promise<number> {
  const [email, list, ...extra] = args;
  if (email === undefined || email.startsWith('-') || list === undefined || extra.length > 0) {
    throw new ConfigError(`users brands takes an email and a comma-separated list of brands (names or ids), or --all. Usage: ${USAGE}`);
  }
  return withUser(email, async (db, user) => {
    const brands = list === '--all' ? [] : await brandsNamed(db, list);
    await setUserBrands(db, user.id, brands.map((b) => b.id));
    await insertAuditEntry(db, { actor: CLI_ACTOR, action: 'user.brands_changed', target: { type: 'user', id: user.id }, details: { email: user.email, brands: brands.length === 0 ? 'all' : brands.map((b) => b.name) } });
    process.stdout.write(brands.length === 0 ? `${user.email} now sees every brand.\n` : `${user.email} now sees only ${brands.map((b) => b.name).join(', ')}.\n`);
    return 0;
  });
}

/** The brands of a comma-separated list of names or ids; one line naming the unknown ones otherwise. */
async function brandsNamed(db: Database, list: string): Promise<{ id: string; name: string }[]> {
  const wanted = list.split(',').map((w) => w.trim()).filter((w) => w.length > 0);
  if (wanted.length === 0) throw new ConfigError('Name at least one brand (comma-separated names or ids), or use --all for every brand.');
  const brands = await listBrands(db, ALL_BRANDS);
  const unknown = wanted.filter((w) => !brands.some((b) => b.id === w || b.name === w));
  if (unknown.length > 0) throw new ConfigError(`No brand named or with the id ${unknown.map((u) => `"${u}"`).join(', ')}; brands: ${brands.map((b) => b.name).join(', ') || 'none yet'}.`);
  return brands.filter((b) => wanted.includes(b.id) || wanted.includes(b.name));
}

async function choosePassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  // The first line only, without its line ending, so `echo "…" |` and a file both work.
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (password.length < 10) throw new ConfigError('The password on standard input must be at least 10 characters.');
  return { password, generated: false };
}

async function withUser(email: string, run: (db: Database, user: User) => Promise<number>): Promise<number> {
  return withDb(async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new ConfigError(`No user ${email.toLowerCase()}: see earshot users list.`);
    return run(db, user);
  });
}

async function appErrorsAsConfig<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new ConfigError(error.message);
    throw error;
  }
}

async function withDb(run: (db: Database) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Record<string, unknown> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node's messages run on with advice about "--"; the first sentence is what went wrong.
    const first = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new ConfigError(`${first}. Usage: ${USAGE}`);
  }
}

function noArguments(command: string, args: string[]): void {
  if (args.length > 0) throw new ConfigError(`users ${command} takes no arguments. Usage: ${USAGE}`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
