import type { MentionDto, StatusBody } from '../../src/api/contract.ts';
import { api } from './api.ts';
import type { InboxView } from './inbox-url.ts';

export type ManualStatus = StatusBody['status'];

/** Sets the status of mentions; resolves with the ids that changed. */
export async function setStatus(ids: readonly string[], status: ManualStatus, followUpAt?: Date): Promise<string[]> {
  const body: StatusBody = { ids: [...ids], status, ...(followUpAt ? { followUpAt: followUpAt.toISOString() } : {}) };
  return (await api<{ changed: string[] }>('POST', '/api/mentions/status', { body })).changed;
}

/** Assigns mentions to a teammate (null: nobody); resolves with the ids that changed. */
export async function assign(ids: readonly string[], assigneeId: string | null): Promise<string[]> {
  return (await api<{ changed: string[] }>('POST', '/api/mentions/assign', { body: { ids: [...ids], assigneeId } })).changed;
}

/** When "pending" comes back, as offered in the menus. */
export function followUpChoices(now = new Date()): { label: string; at: Date }[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: 'In 1 hour', at: new Date(now.getTime() + 3_600_000) },
    { label: 'In 4 hours', at: new Date(now.getTime() + 4 * 3_600_000) },
    { label: 'Tomorrow 9:00', at: tomorrow },
    { label: 'In 3 days', at: new Date(now.getTime() + 3 * 86_400_000) },
  ];
}

/**
 * Whether a mention still belongs to a view after its status or assignee changed (the other
 * filters are about the mention itself, which triage does not change).
 */
export function stillInView(m: Pick<MentionDto, 'status' | 'assigneeId'>, view: InboxView, meId: string): boolean {
  if (view.status !== 'all' && m.status !== view.status) return false;
  const assignee = view.filters.assignee;
  if (assignee === undefined) return true;
  if (assignee === 'none') return m.assigneeId === null;
  return m.assigneeId === (assignee === 'me' ? meId : assignee);
}
