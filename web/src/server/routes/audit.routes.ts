import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTIONS, findAuditPage, type AuditEntry, type AuditFilter, type BrandScope, type Database } from '@earshot/db';
import { AuditQuerySchema, type AuditEntryDto, type AuditPage } from '../../api/contract.ts';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from '../audit-csv.ts';
import { parseInput } from '../parse.ts';
import type { ServerContext } from '../server-context.ts';
import { scopeOf } from '../access.ts';

const DAY_MS = 86_400_000;
/** Rows read per query while exporting: bounded memory however long the log is. */
const EXPORT_BATCH = 1_000;

/** The audit log, for admins: filtered pages, and everything that matches as CSV. */
export function registerAuditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/audit', async (request): Promise<AuditPage> => {
    const q = parseInput(AuditQuerySchema, request.query, 'audit query');
    const { rows, hasMore } = await findAuditPage(ctx.db, toFilter(q, scopeOf(request)), { limit: q.limit, beforeId: q.cursor === undefined ? undefined : Number(q.cursor) });
    const last = rows.at(-1);
    return { entries: rows.map(toAuditEntryDto), nextCursor: hasMore && last ? String(last.id) : null, actions: [...AUDIT_ACTIONS] };
  });

  app.get('/api/audit.csv', async (request, reply) => {
    const q = parseInput(AuditQuerySchema, request.query, 'audit query');
    const filter = toFilter(q, scopeOf(request));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="earshot-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    return reply.send(Readable.from(exportLines(ctx.db, filter)));
  });
}

async function* exportLines(db: Database, filter: AuditFilter): AsyncGenerator<string> {
  yield csvLine(AUDIT_CSV_HEADER);
  let beforeId: number | undefined;
  for (;;) {
    const { rows, hasMore } = await findAuditPage(db, filter, { limit: EXPORT_BATCH, beforeId });
    for (const row of rows) yield auditCsvLine(row);
    if (!hasMore) return;
    beforeId = rows.at(-1)!.id;
  }
}

function toFilter(q: { actorId?: string | undefined; action?: string | undefined; brandId?: string | undefined; from?: string | undefined; to?: string | undefined }, scope: BrandScope): AuditFilter {
  // A date alone as `to` means "up to and including that day".
  const to = q.to === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) : new Date(q.to);
  return {
    scope,
    actorId: q.actorId,
    action: q.action,
    brandId: q.brandId,
    from: q.from === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(q.from) ? new Date(`${q.from}T00:00:00Z`) : new Date(q.from),
    to,
  };
}

export function toAuditEntryDto(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { id: e.actor_id, label: e.actor_label },
    action: e.action,
    target: e.target_type !== null && e.target_id !== null ? { type: e.target_type, id: e.target_id } : null,
    brandId: e.brand_id,
    details: e.details,
    clientAddress: e.client_address,
  };
}
