import type { AuditEntry } from '@earshot/db';

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor_id', 'actor', 'action', 'target_type', 'target_id', 'brand_id', 'client_address', 'details'];

/**
 * One CSV field (RFC 4180 quoting). A value a spreadsheet would run as a formula (starting
 * with = + - @ or a tab/CR) gets a leading apostrophe: the log holds text from strangers
 * (reply texts, attempted emails), and opening the export must not execute it.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function auditCsvLine(e: AuditEntry): string {
  return csvLine([e.id, e.at.toISOString(), e.actor_id, e.actor_label, e.action, e.target_type, e.target_id, e.brand_id, e.client_address, JSON.stringify(e.details)]);
}
