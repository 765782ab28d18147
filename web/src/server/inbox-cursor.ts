import { z } from 'zod';
import { AppError } from '@earshot/db';

const CursorSchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** The keyset position of a page's last row, opaque to clients. */
export function encodeInboxCursor(slaDueAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([slaDueAt.toISOString(), id])).toString('base64url');
}

export function decodeInboxCursor(cursor: string): { slaDueAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success) throw new AppError('BAD_REQUEST', 'The inbox cursor is not one this server issued; start again from the first page.');
  return { slaDueAt: new Date(result.data[0]), id: result.data[1] };
}
