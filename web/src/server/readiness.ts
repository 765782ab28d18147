import type { DependencyHealthDto, ReadinessDto } from '../api/contract.ts';

/** Each dependency gets this long to answer: a load balancer's probe must not hang with it. */
export const CHECK_TIMEOUT_MS = 2_000;
/** Checks this close together share one result, so a public endpoint cannot hammer PostgreSQL. */
const REUSE_RESULT_MS = 1_000;

/** PostgreSQL and Redis decide readiness; a read replica is reported but does not (reads fall back to the primary). */
type Required = 'postgresql' | 'redis';
type Name = Required | 'replica';
const LABEL: Record<Name, string> = { postgresql: 'PostgreSQL', redis: 'Redis', replica: 'The PostgreSQL read replica (EARSHOT_DATABASE_READ_URL)' };

interface State {
  up: boolean;
  since: Date;
  error: string;
}

/**
 * Whether PostgreSQL and Redis answer now, remembering since when each has been up or down.
 * The checks are passed in (a `select 1`, a PING) so this knows nothing of the drivers.
 *
 * With a read replica configured, it is checked too and listed in the answer, but its absence
 * leaves the web role ready: while the last check found it down, {@link replicaDown} sends the
 * replica's reads to the primary (read-pool.ts), so a load balancer keeps the process in.
 */
export class Readiness {
  private readonly states = new Map<Name, State>();
  private inFlight: Promise<ReadinessDto> | undefined;
  private last: { at: number; result: ReadinessDto } | undefined;

  constructor(
    private readonly checks: Record<Required, () => Promise<void>> & { replica?: () => Promise<void> },
    private readonly timeoutMs = CHECK_TIMEOUT_MS,
  ) {}

  check(): Promise<ReadinessDto> {
    if (this.last && Date.now() - this.last.at < REUSE_RESULT_MS) return Promise.resolve(this.last.result);
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Whether the last check found the read replica down (false when none is configured). */
  replicaDown(): boolean {
    return this.states.get('replica')?.up === false;
  }

  private async run(): Promise<ReadinessDto> {
    const names: Name[] = this.checks.replica ? ['postgresql', 'redis', 'replica'] : ['postgresql', 'redis'];
    const outcomes = await Promise.all(names.map((name) => withTimeout(this.checks[name]!(), this.timeoutMs, LABEL[name])));
    const now = new Date();
    const dependencies = {} as Record<Required, DependencyHealthDto> & { replica?: DependencyHealthDto };
    names.forEach((name, i) => {
      const error = outcomes[i];
      const up = error === undefined;
      const previous = this.states.get(name);
      const state: State = { up, since: previous && previous.up === up ? previous.since : now, error: error ?? '' };
      this.states.set(name, state);
      dependencies[name] = { status: up ? 'up' : 'down', since: state.since.toISOString(), message: describe(name, state, now) };
    });
    const down = (['postgresql', 'redis'] as const).filter((name) => dependencies[name].status === 'down');
    const replica = dependencies.replica?.status === 'down' ? ` ${dependencies.replica.message} Inbox lists and reports are read from the primary until it answers again.` : '';
    const result: ReadinessDto = {
      status: down.length === 0 ? 'ready' : 'degraded',
      checkedAt: now.toISOString(),
      message:
        (down.length === 0
          ? 'PostgreSQL and Redis both answer: Earshot is ready.'
          : `${down.map((name) => dependencies[name].message).join(' ')} Jobs wait and retry; nothing already stored is lost. Earshot recovers by itself when it answers again.`) + replica,
      dependencies,
    };
    this.last = { at: Date.now(), result };
    return result;
  }
}

function describe(name: Name, state: State, now: Date): string {
  if (state.up) return `${LABEL[name]} answers.`;
  const seconds = Math.round((now.getTime() - state.since.getTime()) / 1000);
  return `${LABEL[name]} has not answered since ${state.since.toISOString()} (${seconds} s): ${state.error}`;
}

/** Undefined when the check passed in time, else why not (never throws). */
async function withTimeout(check: Promise<void>, ms: number, label: string): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${ms / 1000} s.`), ms);
  });
  try {
    return await Promise.race([check.then(() => undefined), timeout]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `${message || `${label} refused the connection`}.`.replace(/\.\.$/, '.');
  } finally {
    clearTimeout(timer);
  }
}
