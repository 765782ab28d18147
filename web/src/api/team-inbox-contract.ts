import { z } from 'zod';

// The team inbox's API (statuses, assignment, counts, teammates):
//
//   POST /api/mentions/status   StatusBody → { changed: string[] }          (agent)
//   POST /api/mentions/assign   AssignBody → { changed: string[] }          (agent)
//   GET  /api/inbox/counts?brandId=  → InboxCountsDto                        capped at `cap`
//   GET  /api/teammates         → { teammates: TeammateDto[] }
//   PUT  /api/account/away      AwayBody → { away: boolean }                (agent) away: skipped by auto-assignment
//   PUT  /api/brands/:id/auto-assign  AutoAssignBody → { cap }               (manager) null turns it off
//   PUT  /api/mentions/:id/presence  PresenceBody → PresenceDto   a heartbeat (every 5 s)
//   DELETE /api/mentions/:id/presence → PresenceDto
//   POST /api/mentions/:id/notes  NoteBody → 201 { note: NoteDto }   (agent) internal, never published;
//     each teammate @-mentioned ("@analima" or "@ana") gets a notice
//   GET  /api/notices           → NoticesDto   the user's own in-app notices, newest first
//   POST /api/notices/read      → 204          marks them all read
//   POST /api/mentions/:id/replies answers 409 with reason `already_replied` when someone else
//     replied first; resend with `confirm: true` to send anyway.

const Ids = z.array(z.uuid('A mention id must be a UUID.')).min(1, 'Pick at least one mention.').max(200, 'At most 200 mentions at once.');

export const StatusBodySchema = z
  .object({
    ids: Ids,
    status: z.enum(['open', 'pending', 'closed', 'ignored']),
    /** Pending only: when it comes back to the Open view. */
    followUpAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => b.status !== 'pending' || b.followUpAt !== undefined, {
    message: 'Say when to follow up: a pending mention comes back to the inbox then.',
    path: ['followUpAt'],
  })
  .refine((b) => b.followUpAt === undefined || b.status === 'pending', {
    message: 'Only a pending mention has a follow-up time.',
    path: ['followUpAt'],
  });
export type StatusBody = z.infer<typeof StatusBodySchema>;

export const AssignBodySchema = z.object({
  ids: Ids,
  /** null: nobody. */
  assigneeId: z.uuid('Pick a teammate.').nullable(),
});
export type AssignBody = z.infer<typeof AssignBodySchema>;

export const AwayBodySchema = z.object({ away: z.boolean() });

/** GET /api/inbox/counts: optionally one brand's counts. */
export const InboxCountsQuerySchema = z.object({ brandId: z.uuid('The brand id must be a UUID.').optional() });

export interface InboxCountsDto {
  open: number;
  overdue: number;
  mine: number;
  unassigned: number;
  /** A count equal to `cap` means "at least": show it as "999+". */
  cap: number;
}

export interface TeammateDto {
  id: string;
  name: string;
  role: 'viewer' | 'agent' | 'manager' | 'admin';
  away: boolean;
}

export interface StatusChangeDto {
  from: string;
  to: string;
  userName: string | null;
  followUpAt: string | null;
  at: string;
}

export interface NoticeDto {
  id: string;
  kind: 'follow_up' | 'note_mention';
  mentionId: string | null;
  text: string;
  createdAt: string;
  read: boolean;
}

export interface NoticesDto {
  notices: NoticeDto[];
  unread: number;
}

export const PresenceBodySchema = z.object({ typing: z.boolean() });

/** Someone with the mention open; `typing`: writing a reply. */
export interface ViewerDto {
  userId: string;
  name: string;
  typing: boolean;
}

/**
 * Who has the mention open, as of its presence change number `version`: answers and live events
 * can arrive out of order, and the list with the higher version is the newer.
 */
export interface PresenceDto {
  viewers: ViewerDto[];
  version: number;
}

export const NoteBodySchema = z.object({
  text: z.string().trim().min(1, 'Write the note first.').max(5_000, 'A note holds at most 5,000 characters.'),
});

export interface NoteDto {
  id: string;
  text: string;
  userName: string | null;
  /** Teammates it @-mentioned (each was told). */
  mentionedUserIds: string[];
  createdAt: string;
}

export const AutoAssignBodySchema = z.object({
  /** Open mentions one agent may hold; null turns automatic assignment off. */
  cap: z.number().int().min(1, 'Give each agent at least 1 mention.').max(1000, 'At most 1,000 mentions per agent.').nullable(),
});
/** Labels of the automatic assignment form (field-labels.ts). */
export const AUTO_ASSIGN_LABELS = { cap: 'Mentions per agent' } as const;
