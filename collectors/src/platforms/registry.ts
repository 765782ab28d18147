import { CredentialBox, CredentialBoxError, listConnections, type Database, type Logger } from '@earshot/db';
import type { PlatformAdapter } from './adapter.ts';
import type { PlatformDefinition } from './definition.ts';

/** The adapters this process can use now, by platform name. */
export interface AdapterRegistry {
  get(platform: string): PlatformAdapter | undefined;
  /** Why `get` returned nothing, in words for the stream's health. */
  whyMissing(platform: string): string;
}

/** A fixed set of adapters (tests, and platforms that need no credentials). */
export function createAdapterRegistry(adapters: PlatformAdapter[]): AdapterRegistry {
  const byName = new Map(adapters.map((a) => [a.platform, a]));
  return {
    get: (platform) => byName.get(platform),
    whyMissing: (platform) => `No ${platform} adapter in this process.`,
  };
}

/**
 * Adapters built from the platform definitions and the credentials stored in PostgreSQL.
 * `refresh()` re-reads the connections (the collectors call it on every scheduler sync), so
 * credentials saved in the settings page take effect without a restart.
 */
export class ConnectedAdapters implements AdapterRegistry {
  private readonly adapters = new Map<string, { adapter: PlatformAdapter; version: string }>();
  private readonly problems = new Map<string, string>();
  private readonly box: CredentialBox | undefined;

  constructor(
    private readonly db: Database,
    private readonly definitions: PlatformDefinition[],
    secret: string | undefined,
    private readonly logger: Logger,
  ) {
    this.box = secret ? new CredentialBox(secret) : undefined;
  }

  get(platform: string): PlatformAdapter | undefined {
    return this.adapters.get(platform)?.adapter;
  }

  whyMissing(platform: string): string {
    const definition = this.definitions.find((d) => d.platform === platform);
    if (!definition) return `Earshot has no ${platform} adapter.`;
    return (
      this.problems.get(platform) ??
      `No ${definition.label} credentials are stored: add them in Settings (admins) or with \`npx earshot connect ${platform}\`.`
    );
  }

  async refresh(): Promise<void> {
    const connections = new Map((await listConnections(this.db)).map((c) => [c.platform, c]));
    for (const definition of this.definitions) {
      const { platform } = definition;
      if (!definition.credentials) {
        if (!this.adapters.has(platform)) {
          this.adapters.set(platform, { adapter: definition.createAdapter({ db: this.db, credentials: null }), version: 'static' });
        }
        continue;
      }
      const connection = connections.get(platform);
      if (!connection) {
        this.adapters.delete(platform);
        this.problems.delete(platform);
        continue;
      }
      const version = connection.updated_at.toISOString();
      if (this.adapters.get(platform)?.version === version) continue;
      this.adapters.delete(platform);
      try {
        if (!this.box) throw new CredentialBoxError(`${platform} credentials are stored but EARSHOT_SECRET is not set, so they cannot be decrypted. Set it to the value they were saved with.`);
        const parsed = definition.credentials.schema.safeParse(this.box.open(platform, connection.sealed_credentials));
        if (!parsed.success) throw new Error(`Stored ${platform} credentials are incomplete (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}); enter them again in Settings.`);
        const adapter = definition.createAdapter({ db: this.db, credentials: parsed.data });
        this.adapters.set(platform, { adapter, version });
        this.problems.delete(platform);
      } catch (error) {
        // The message never includes credential values: only what is wrong and what to do.
        const message = error instanceof Error ? error.message : String(error);
        this.problems.set(platform, message);
        this.logger.warn('platform connection unusable', { platform, problem: message });
      }
    }
  }
}
