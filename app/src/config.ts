import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

// The only module that reads the environment. Everything else is handed a Config.

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/earshot')
    .default('postgres://postgres@127.0.0.1:5432/earshot'),
  // A replica for the web role's reads that tolerate a second of lag (inbox pages, counts, reports).
  EARSHOT_DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL of a read replica of DATABASE_URL, e.g. postgres://earshot@replica.internal:5432/earshot')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL, e.g. redis://127.0.0.1:6379')
    .default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  EARSHOT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  EARSHOT_ADMIN_EMAIL: z.email('must be an email address').default('admin@earshot.local'),
  EARSHOT_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  EARSHOT_QUEUE_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]+\}$/, 'must be a Redis Cluster hash tag such as {earshot}')
    .default('{earshot}'),
  EARSHOT_DEMO: z.enum(['auto', 'on', 'off'], { message: 'use auto, on or off' }).default('auto'),
  EARSHOT_DEMO_PER_MINUTE: z.coerce.number().min(0.1).max(6_000).default(6),
  EARSHOT_DEMO_REPLY_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(300),
  EARSHOT_REQUEUE_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
  // A publish or delivery job held by a process that died is taken over within 1.5× this.
  EARSHOT_JOB_LOCK_MS: z.coerce.number().int().min(2_000).max(600_000).default(10_000),
  EARSHOT_SECURE_COOKIES: Bool.default(false),
  EARSHOT_TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(none|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'use none, a number of proxy hops (e.g. 1), or proxy addresses/CIDRs separated by commas (e.g. 10.0.0.1,192.168.0.0/16)',
    )
    .default('none')
    .transform((v): false | number | string[] => (v === 'none' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()))),
  EARSHOT_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(12 * 60),
  EARSHOT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  EARSHOT_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  EARSHOT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587')
    .optional(),
  EARSHOT_MAIL_FROM: z
    .string()
    .regex(/^[^\n]*@[^\n]*$/, 'must be a sender address, e.g. "Earshot <alerts@example.com>"')
    .optional(),
  EARSHOT_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL, e.g. https://earshot.example.com' }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
}).refine((c) => !c.EARSHOT_SMTP_URL || c.EARSHOT_MAIL_FROM, {
  path: ['EARSHOT_MAIL_FROM'],
  message: 'must be set when EARSHOT_SMTP_URL is (the sender of alert emails, e.g. "Earshot <alerts@example.com>")',
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment (after `.env`, which never overrides real variables) once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { dotenv?: boolean } = {}): Config {
  if (options.dotenv !== false) loadDotenv({ quiet: true });
  const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = ConfigSchema.safeParse(values);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${lines.join('; ')}. Fix the environment or .env and start again.`);
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
