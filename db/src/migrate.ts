import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { quoteIdent } from './client.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Reads `migrations/*.ts` in name order. Kysely's FileMigrationProvider imports from inside
 * node_modules, where the TypeScript loader of tests does not reach; importing here does.
 */
class SourceMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}(_\d\d){5}_.+\.ts$/.test(f));
    const entries = await Promise.all(
      files.map(async (file) => {
        const mod = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Migration;
        return [file.replace(/\.ts$/, ''), mod] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely instance can be migrated
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  if (schema) await sql`create schema if not exists ${sql.raw(quoteIdent(schema))}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new SourceMigrationProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${name}: ${String((error as Error).message ?? error)}`);
  }
}
