import type { JobBus } from './jobs/bus.ts';
import type { Database } from './client.ts';

export type LogFields = Record<string, unknown>;

/** Structured logging; the process entry decides where lines go and redacts secrets. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** What every role is started with: the shared connections, built once by the process entry. */
export interface Runtime {
  db: Database;
  bus: JobBus;
  logger: Logger;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
