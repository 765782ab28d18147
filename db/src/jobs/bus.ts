import { DelayedError, Queue, QueueEvents, Worker, UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import { AppError, type AppErrorCode } from '../errors.ts';
import { Redis, type RedisOptions } from 'ioredis';
import { channels, jobs, MentionEventSchema, type JobKey, type JobPayload, type MentionEvent } from './catalog.ts';

export interface JobBusOptions {
  redisUrl: string;
  /** Key prefix with a hash tag, `{earshot}` in production, `{test-…}` in tests. */
  prefix: string;
}

/**
 * Thrown by a job handler that cannot do its work before `at` (a platform's rate limit or
 * daily cap): the job comes back then, without using up one of its attempts, instead of
 * retrying on its backoff and being refused again.
 */
export class RetryAtError extends Error {
  constructor(
    readonly at: Date,
    message: string,
  ) {
    super(message);
    this.name = 'RetryAtError';
  }
}

export type JobHandler<K extends JobKey> = (payload: JobPayload<K>, job: Job) => Promise<unknown>;

// An AppError a handler throws for a request that can never succeed (a week that does not
// exist, a deleted brand) travels to a waiting caller as "[CODE] message" and becomes the same
// AppError there, so the API answers 400/404 instead of 500.
const PASSED_CODES: readonly AppErrorCode[] = ['BAD_REQUEST', 'NOT_FOUND'];
const PASSED = /^\[(BAD_REQUEST|NOT_FOUND)\] ([\s\S]*)$/;

/**
 * Typed access to the job catalog over BullMQ: enqueue with payload validation, consume
 * with payload validation. One per process; `close()` on shutdown.
 */
export class JobBus {
  readonly prefix: string;
  readonly redisUrl: string;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly events = new Map<string, Promise<QueueEvents>>();
  private readonly connections: Redis[] = [];
  private publisher: Redis | undefined;
  private pinger: Redis | undefined;
  private pingerFirstReady: Promise<void> | undefined;

  constructor(options: JobBusOptions) {
    this.prefix = options.prefix;
    this.redisUrl = options.redisUrl;
  }

  /** A new ioredis connection set up as BullMQ requires. */
  connect(extra: RedisOptions = {}): Redis {
    const connection = new Redis(this.redisUrl, { maxRetriesPerRequest: null, ...extra });
    // Reconnection is ioredis's job; an error event without a listener would crash the process.
    connection.on('error', () => undefined);
    this.connections.push(connection);
    return connection;
  }

  queue(key: JobKey): Queue {
    const name = jobs[key].queue;
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connect(), prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<K extends JobKey>(key: K, payload: JobPayload<K>, options: { delay?: number } = {}): Promise<void> {
    const def = jobs[key];
    const data = def.schema.parse(payload) as JobPayload<K>;
    const jobId = 'jobId' in def && def.jobId ? (def.jobId as (p: JobPayload<K>) => string)(data) : undefined;
    await this.queue(key).add(def.name, data, { ...def.options, ...options, ...(jobId ? { jobId } : {}) });
  }

  /**
   * Adds a job and waits up to `timeoutMs` for its result (the handler's return value). With a
   * fixed job id, callers asking at once share one run; a finished job of that id is reused while
   * younger than `freshMs`, and a failed or older one is removed first so asking again runs it
   * again. Throws AppError UNAVAILABLE when no worker finished it in time, the handler's
   * AppError for requests that cannot succeed, and an Error with the failure otherwise.
   */
  async run<K extends JobKey>(key: K, payload: JobPayload<K>, options: { timeoutMs: number; freshMs: number }): Promise<unknown> {
    const def = jobs[key];
    const data = def.schema.parse(payload) as JobPayload<K>;
    const jobId = 'jobId' in def && def.jobId ? (def.jobId as (p: JobPayload<K>) => string)(data) : undefined;
    const queue = this.queue(key);
    if (jobId) {
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        const stale = state === 'failed' || (state === 'completed' && Date.now() - (existing.finishedOn ?? 0) > options.freshMs);
        // Another caller may remove it at the same moment; either way it is gone.
        if (stale) await existing.remove().catch(() => undefined);
      }
    }
    const events = await this.queueEvents(def.queue);
    const job = await queue.add(def.name, data, { ...def.options, ...(jobId ? { jobId } : {}) });
    try {
      return await job.waitUntilFinished(events, options.timeoutMs);
    } catch (error) {
      const message = (error as Error).message;
      if (message.startsWith('Job wait') && message.includes('timed out')) {
        throw new AppError(
          'UNAVAILABLE',
          `No worker finished the ${def.name} job within ${Math.round(options.timeoutMs / 1000)} s. Check that a worker is running (npx earshot start --role worker) and try again.`,
        );
      }
      const passed = PASSED.exec(message);
      if (passed) throw new AppError(passed[1] as AppErrorCode, passed[2]!);
      throw error;
    }
  }

  private queueEvents(queue: string): Promise<QueueEvents> {
    let events = this.events.get(queue);
    if (!events) {
      const created = new QueueEvents(queue, { connection: this.connect(), prefix: this.prefix });
      created.on('error', () => undefined);
      events = created.waitUntilReady().then(() => created);
      this.events.set(queue, events);
    }
    return events;
  }

  /**
   * Consumes one job kind. A payload that fails its schema can never succeed, so it fails
   * at once with the validation message instead of being retried.
   */
  consume<K extends JobKey>(
    key: K,
    handler: JobHandler<K>,
    options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
  ): Worker {
    const def = jobs[key];
    const worker = new Worker(
      def.queue,
      async (job, token) => {
        if (job.name !== def.name) throw new UnrecoverableError(`Unknown job ${job.name} on queue ${def.queue}`);
        const parsed = def.schema.safeParse(job.data);
        if (!parsed.success) {
          throw new UnrecoverableError(`Invalid ${def.name} payload: ${parsed.error.message}`);
        }
        try {
          return await handler(parsed.data as JobPayload<K>, job);
        } catch (error) {
          if (error instanceof AppError && PASSED_CODES.includes(error.code)) throw new UnrecoverableError(`[${error.code}] ${error.message}`);
          if (!(error instanceof RetryAtError) || !token) throw error;
          // BullMQ's way to wait without failing: move the job to delayed, then say so.
          await job.moveToDelayed(Math.max(Date.now(), error.at.getTime()), token);
          throw new DelayedError(error.message);
        }
      },
      { concurrency: 4, ...options, connection: this.connect(), prefix: this.prefix },
    );
    worker.on('error', () => undefined);
    this.workers.push(worker);
    return worker;
  }

  async publishMentionEvent(event: MentionEvent): Promise<void> {
    this.publisher ??= this.connect();
    await this.publisher.publish(channels.mentionEvents(this.prefix), JSON.stringify(event));
  }

  /** Calls `listener` for each event; returns a function that unsubscribes. */
  async subscribeMentionEvents(listener: (event: MentionEvent) => void): Promise<() => Promise<void>> {
    const sub = this.connect();
    const channel = channels.mentionEvents(this.prefix);
    sub.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      const parsed = MentionEventSchema.safeParse(safeJson(message));
      if (parsed.success) listener(parsed.data);
    });
    await sub.subscribe(channel);
    return async () => {
      await sub.quit().catch(() => undefined);
    };
  }

  /**
   * Resolves when Redis answers PING. Its own connection without an offline queue, so while
   * Redis is away this rejects at once instead of waiting for the reconnect; ioredis keeps
   * reconnecting in the background. The caller bounds the wait.
   */
  async ping(): Promise<void> {
    if (!this.pinger) {
      const pinger = this.connect({ enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000 });
      this.pinger = pinger;
      // Settles on the first outcome of the first connection attempt, whichever it is.
      this.pingerFirstReady = new Promise<void>((resolve) => {
        pinger.once('ready', () => resolve());
        pinger.once('error', () => resolve());
      });
    }
    // Only the very first check waits for the connection to open; later ones answer from its state.
    if (this.pinger.status !== 'ready' && this.pingerFirstReady) await this.pingerFirstReady;
    this.pingerFirstReady = undefined;
    if (this.pinger.status !== 'ready') throw new Error(`Redis at ${redactUrl(this.redisUrl)} is unreachable (connection ${this.pinger.status})`);
    await this.pinger.ping();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.events.values()].map(async (e) => (await e.catch(() => undefined))?.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** host:port only: a Redis URL may hold a password. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured address';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
export { UnrecoverableError } from 'bullmq';
