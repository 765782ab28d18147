import type { FastifyRequest } from 'fastify';
import { insertAuditEntry, type AuditAction, type User } from '@earshot/db';
import type { ServerContext } from './server-context.ts';

export interface AuditFields {
  /** `[type, id]` of what was acted on. */
  target?: readonly [string, string] | undefined;
  brandId?: string | null | undefined;
  /** Never a credential value. */
  details?: Record<string, unknown> | undefined;
  /** Who, when the request has no signed-in user yet (sign-in, accepting an invitation). */
  actor?: Pick<User, 'id' | 'email'> | { label: string } | undefined;
}

/**
 * Records what the request's user just did, with the client's address (as `request.ip`
 * decides it: a forwarded address only from a configured proxy). Awaited by the route, so an
 * action whose entry cannot be written answers 500 instead of going unrecorded silently.
 */
export async function audit(ctx: ServerContext, request: FastifyRequest, action: AuditAction, fields: AuditFields = {}): Promise<void> {
  const who = fields.actor ?? request.user;
  const actor = who === undefined ? { id: null, label: 'anonymous' } : 'label' in who ? { id: null, label: who.label } : { id: who.id, label: who.email };
  // What an integration did is told apart from what its user did by hand.
  if (fields.actor === undefined && request.apiToken) actor.label = `${actor.label} (API token "${request.apiToken.name}")`;
  await insertAuditEntry(ctx.db, {
    actor,
    action,
    target: fields.target ? { type: fields.target[0], id: fields.target[1] } : undefined,
    brandId: fields.brandId,
    details: fields.details,
    clientAddress: request.ip,
  });
}
