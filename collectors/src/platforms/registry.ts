import type { PlatformAdapter } from './adapter.ts';

/** The adapters this process can use, by platform name. Built once by the process entry. */
export type AdapterRegistry = ReadonlyMap<string, PlatformAdapter>;

export function createAdapterRegistry(adapters: PlatformAdapter[]): AdapterRegistry {
  return new Map(adapters.map((a) => [a.platform, a]));
}
