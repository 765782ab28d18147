import type { Runtime } from '@earshot/db';
import type { AdapterRegistry } from './platforms/registry.ts';

/** What the collectors' job handlers need. */
export interface CollectorDeps {
  runtime: Runtime;
  adapters: AdapterRegistry;
  now?: () => Date;
}
