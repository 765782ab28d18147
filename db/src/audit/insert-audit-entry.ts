import type { AuditAction, AuditEntry } from '../schema.ts';
import type { Database } from '../client.ts';

export interface NewAuditEntry {
  actor: { id: string | null; label: string };
  action: AuditAction;
  target?: { type: string; id: string } | undefined;
  brandId?: string | null | undefined;
  /** Never a credential value. */
  details?: Record<string, unknown> | undefined;
  clientAddress?: string | null | undefined;
}

/** Appends one entry to the audit log and returns it. Primary key (identity) only. */
export async function insertAuditEntry(db: Database, entry: NewAuditEntry): Promise<AuditEntry> {
  return db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      brand_id: entry.brandId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      client_address: entry.clientAddress ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
