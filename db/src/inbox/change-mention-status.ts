import { sql } from 'kysely';
import type { MentionStatus } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database, DatabaseTransaction } from '../client.ts';

/** The statuses a person sets by hand; `answered` comes from a published reply. */
export type ManualStatus = Extract<MentionStatus, 'open' | 'pending' | 'closed' | 'ignored'>;

export interface StatusChange {
  id: string;
  brand_id: string;
  from_status: MentionStatus;
  assignee_id: string | null;
}

/**
 * Sets the status of the mentions (pending with `followUpAt`, cleared for any other status) and
 * records each change in `mention_status_changes` with who did it, in one statement. Mentions
 * already in that status, and those of brands outside `scope`, are left alone (a pending one gets its new follow-up time); returns
 * the mentions that changed. Primary key lookups; the history insert is served by
 * `mention_status_changes_mention_idx` when read back.
 */
export async function changeMentionStatus(
  db: Database | DatabaseTransaction,
  input: { ids: readonly string[]; scope: BrandScope; to: ManualStatus; userId: string | null; followUpAt?: Date | undefined },
): Promise<StatusChange[]> {
  if (input.ids.length === 0) return [];
  const followUp = input.to === 'pending' ? (input.followUpAt ?? null) : null;
  const { rows } = await sql<StatusChange>`
    with target as (
      select id, brand_id, status from mentions
      where id = any(${[...input.ids]}::uuid[]) and ${brandScopeSql(input.scope, 'mentions.brand_id')}
        and (status <> ${input.to} or ${input.to} = 'pending')
      for update
    ),
    changed as (
      update mentions m set status = ${input.to}, follow_up_at = ${followUp}
      from target t where m.id = t.id
      returning m.id, m.brand_id, t.status as from_status, m.assignee_id
    ),
    history as (
      insert into mention_status_changes (mention_id, brand_id, from_status, to_status, user_id, follow_up_at)
      select id, brand_id, from_status, ${input.to}, ${input.userId}, ${followUp} from changed
    )
    select * from changed`.execute(db);
  return rows;
}
