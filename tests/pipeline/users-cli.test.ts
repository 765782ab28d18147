import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, ensureBrand, findUserByEmail, insertSession, migrateToLatest, type Database } from '@earshot/db';
import { verifyPassword } from '@earshot/web';
import { createTestDatabase } from '../support/child-earshot.ts';
import { seedUser } from '../support/factories.ts';
import { runEarshot as earshot, spawnEarshot } from '../support/run-cli.ts';

// Commands run in this process through the CLI's entry (support/run-cli.ts); the first test runs the
// real binary in a child process (slow on a busy machine: a generous timeout), so piped stdin and
// the exit code are proven end to end once.
describe('npx earshot users add | list | disable | role | set-password | reset-2fa', { timeout: 180_000 }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
    db = createDb({ url: database.url, max: 2 });
    await migrateToLatest(db);
    await seedUser(db, { email: 'admin@example.test', name: 'Admin', password: 'admin-password-1', role: 'admin' });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('adds a user with the password from stdin, or a generated one printed once', async () => {
    const piped = await spawnEarshot(['users', 'add', '--email', 'Agent@Example.test', '--name', 'Ada Agent', '--role', 'manager', '--password-stdin'], env, 'a-piped-password\n');
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe('Created agent@example.test (manager).\n');
    const stored = (await findUserByEmail(db, 'agent@example.test'))!;
    expect(stored).toMatchObject({ name: 'Ada Agent', role: 'manager', disabled_at: null });
    expect(await verifyPassword('a-piped-password', stored.password_hash)).toBe(true);

    const generated = await earshot(['users', 'add', '--email', 'viewer@example.test', '--name', 'Vi'], env);
    expect(generated.code).toBe(0);
    const password = /with password (\S+)\n/.exec(generated.stdout)?.[1];
    expect(password).toBeDefined();
    const viewer = (await findUserByEmail(db, 'viewer@example.test'))!;
    expect(viewer.role).toBe('agent');
    expect(await verifyPassword(password!, viewer.password_hash)).toBe(true);

    const entries = await db.selectFrom('audit_log').selectAll().where('action', '=', 'user.created').orderBy('id').execute();
    expect(entries.map((e) => [e.actor_label, e.details.email, e.details.role])).toEqual([
      ['cli', 'agent@example.test', 'manager'],
      ['cli', 'viewer@example.test', 'agent'],
    ]);
  }, 300_000); // one node + tsx start-up: minutes when the machine is saturated

  it('lists every user with role and status', async () => {
    const r = await earshot(['users', 'list'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+BRANDS\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 5))).toEqual([
      ['admin@example.test', 'Admin', 'admin', 'active', 'all'],
      ['agent@example.test', 'Ada Agent', 'manager', 'active', 'all'],
      ['viewer@example.test', 'Vi', 'agent', 'active', 'all'],
    ]);
  });

  it('disables a user: their sessions end and the list says so; the last admin stays', async () => {
    const agent = (await findUserByEmail(db, 'agent@example.test'))!;
    await insertSession(db, { tokenHash: 'hash-1', userId: agent.id, expiresAt: new Date(Date.now() + 3_600_000) });
    const r = await earshot(['users', 'disable', 'agent@example.test'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Disabled agent@example.test; 1 session ended.\n');
    expect(await db.selectFrom('sessions').selectAll().where('user_id', '=', agent.id).execute()).toEqual([]);
    expect((await earshot(['users', 'list'], env)).stdout).toMatch(/agent@example\.test\s+Ada Agent\s+manager\s+disabled \d{4}-\d{2}-\d{2}/);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'user.disabled').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_label: 'cli', target_id: agent.id });

    const last = await earshot(['users', 'disable', 'admin@example.test'], env);
    expect(last.code).toBe(1);
    expect(last.stderr).toBe('admin@example.test is the last active admin: make another user an admin first, so someone can still manage Earshot.\n');
  });

  it('changes a role, replaces a password (ending sessions) and resets two-factor sign-in', async () => {
    const role = await earshot(['users', 'role', 'viewer@example.test', 'manager'], env);
    expect(role.stdout).toBe('viewer@example.test is now manager (was agent).\n');
    expect((await findUserByEmail(db, 'viewer@example.test'))?.role).toBe('manager');

    const viewer = (await findUserByEmail(db, 'viewer@example.test'))!;
    await insertSession(db, { tokenHash: 'hash-2', userId: viewer.id, expiresAt: new Date(Date.now() + 3_600_000) });
    const piped = await earshot(['users', 'set-password', 'viewer@example.test', '--password-stdin'], env, 'the-new-password\n');
    expect(piped.stdout).toBe('Changed the password of viewer@example.test. 1 session ended.\n');
    expect(await verifyPassword('the-new-password', (await findUserByEmail(db, 'viewer@example.test'))!.password_hash)).toBe(true);
    const generated = await earshot(['users', 'set-password', 'viewer@example.test'], env);
    const password = /^New password for viewer@example\.test: (\S+)\n/.exec(generated.stdout)?.[1];
    expect(await verifyPassword(password!, (await findUserByEmail(db, 'viewer@example.test'))!.password_hash)).toBe(true);

    await db.updateTable('users').set({ totp_secret: 'v1.sealed', totp_last_step: 5 }).where('id', '=', viewer.id).execute();
    const reset = await earshot(['users', 'reset-2fa', 'viewer@example.test'], env);
    expect(reset.stdout).toMatch(/^Turned off two-factor sign-in for viewer@example\.test/);
    expect((await findUserByEmail(db, 'viewer@example.test'))).toMatchObject({ totp_secret: null, totp_last_step: null });
    expect((await earshot(['users', 'reset-2fa', 'viewer@example.test'], env)).stdout).toBe('viewer@example.test has no two-factor sign-in to reset.\n');

    const actions = await db.selectFrom('audit_log').select(['action', 'actor_label']).where('target_id', '=', viewer.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['user.created', 'user.role_changed', 'user.password_set', 'user.password_set', 'totp.disabled']);
    expect(new Set(actions.map((a) => a.actor_label))).toEqual(new Set(['cli']));
    const lastAdmin = await earshot(['users', 'role', 'admin@example.test', 'viewer'], env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toMatch(/last active admin/);
  });

  it('audits earshot connect and disconnect as cli, with field names only', async () => {
    const secretEnv = { ...env, EARSHOT_SECRET: 'a-secret-of-at-least-32-characters-for-this-test' };
    const credentials = { identifier: 'audited.example.test', appPassword: 'wxyz-abcd-efgh-ijkl' };
    const stored = await earshot(['connect', 'bluesky'], secretEnv, JSON.stringify(credentials));
    expect(stored.code, stored.stderr).toBe(0);
    expect((await earshot(['disconnect', 'bluesky'], secretEnv)).code).toBe(0);
    const entries = await db.selectFrom('audit_log').selectAll().where('target_type', '=', 'platform').orderBy('id').execute();
    expect(entries.map((e) => [e.actor_label, e.action, e.details])).toEqual([
      ['cli', 'credentials.saved', { platform: 'bluesky', fields: ['appPassword', 'identifier'] }],
      ['cli', 'credentials.removed', { platform: 'bluesky' }],
    ]);
    for (const value of Object.values(credentials)) expect(JSON.stringify(entries)).not.toContain(value);
  });

  it('says what is wrong in one line and exits 1 on bad arguments', async () => {
    const cases: [string[], RegExp, string?][] = [
      [['users'], /^Name a users command\. Usage: earshot users add/],
      [['users', 'remove'], /^Unknown users command "remove"\. Usage:/],
      [['users', 'add', '--name', 'X'], /^users add needs --email and --name\. Usage:/],
      [['users', 'add', '--email', 'not-an-email', '--name', 'X'], /^--email must be an email address\.$/],
      [['users', 'add', '--email', 'x@example.test', '--name', 'X', '--role', 'owner'], /^--role must be one of viewer, agent, manager, admin\.$/],
      [['users', 'add', '--email', 'x@example.test', '--name', 'X', '--colour', 'red'], /^Unknown option '--colour'\. Usage:/],
      [['users', 'add', '--email', 'x@example.test', '--name', 'X', '--password-stdin'], /^The password on standard input must be at least 10 characters\.$/, 'short\n'],
      [['users', 'add', '--email', 'admin@example.test', '--name', 'X'], /^admin@example\.test already has an account/],
      [['users', 'disable'], /^users disable takes one email\. Usage:/],
      [['users', 'disable', 'nobody@example.test'], /^No user nobody@example\.test: see earshot users list\.$/],
      [['users', 'list', 'extra'], /^users list takes no arguments\./],
      [['users', 'role', 'viewer@example.test'], /^users role takes an email and a role\./],
      [['users', 'role', 'viewer@example.test', 'owner'], /^The role must be one of viewer, agent, manager, admin\.$/],
      [['users', 'set-password'], /^users set-password takes one email\./],
      [['users', 'set-password', 'viewer@example.test', '--force'], /^Unknown option '--force'\./],
      [['users', 'reset-2fa', 'nobody@example.test'], /^No user nobody@example\.test/],
    ];
    const results: Awaited<ReturnType<typeof earshot>>[] = [];
    for (const [args, , stdin] of cases) results.push(await earshot(args, env, stdin));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd(), args.join(' ')).toMatch(message);
    }
    expect((await db.selectFrom('users').select('email').execute()).map((u) => u.email)).not.toContain('x@example.test');
  });

  it('limits a user to some brands (add --brands, users brands), lists them, and lifts the limit with --all', async () => {
    const acme = (await ensureBrand(db, 'Acme')).id;
    await ensureBrand(db, 'Globex');
    const added = await earshot(['users', 'add', '--email', 'limited@example.test', '--name', 'Lim', '--brands', 'Acme', '--password-stdin'], env, 'limited-password\n');
    expect(added.stderr).toBe('');
    const limited = (await findUserByEmail(db, 'limited@example.test'))!;
    expect(await db.selectFrom('user_brands').select('brand_id').where('user_id', '=', limited.id).execute()).toEqual([{ brand_id: acme }]);
    const both = await earshot(['users', 'brands', 'limited@example.test', 'Acme,Globex'], env);
    expect(both.stdout).toBe('limited@example.test now sees only Acme, Globex.\n');
    expect((await earshot(['users', 'list'], env)).stdout).toMatch(/limited@example\.test\s+Lim\s+agent\s+active\s+(Acme,Globex|Globex,Acme)\s/);
    const unknown = await earshot(['users', 'brands', 'limited@example.test', 'Initech'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('No brand named or with the id "Initech"; brands: Acme, Globex.\n');
    expect((await earshot(['users', 'brands', 'limited@example.test', '--all'], env)).stdout).toBe('limited@example.test now sees every brand.\n');
    expect(await db.selectFrom('user_brands').select('brand_id').where('user_id', '=', limited.id).execute()).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'user.brands_changed').orderBy('id').execute();
    expect(audit.map((a) => a.details.brands)).toEqual([['Acme'], ['Acme', 'Globex'], 'all']);
  });
});
