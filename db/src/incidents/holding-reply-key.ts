/**
 * The idempotency key of an incident's holding reply to one mention: the same for every click,
 * retry or worker, so each grouped mention gets the holding reply at most once.
 */
export function holdingReplyKey(incidentId: string, mentionId: string): string {
  return `incident-${incidentId}-${mentionId}`;
}
