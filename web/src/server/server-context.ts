import type { Database, JobBus, Logger } from '@earshot/db';
import type { LiveEvents } from './live-events.ts';

export interface ServerContext {
  db: Database;
  bus: JobBus;
  logger: Logger;
  live: LiveEvents;
  secureCookies: boolean;
}
