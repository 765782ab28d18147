import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, acceptInvitation, findInvitationByToken, findUserByEmail, insertInvitation, listOpenInvitations, revokeInvitation, type Invitation } from '@earshot/db';
import { AcceptInvitationBodySchema, InvitationBodySchema, InvitationPreviewBodySchema, type CreatedInvitation, type InvitationDto } from '../../api/contract.ts';
import { userOf } from '../access.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { hashPassword } from '../passwords.ts';
import { hashSessionToken } from '../session-tokens.ts';
import { startSession } from '../start-session.ts';
import { toUserDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });
const DAY_MS = 86_400_000;

/** Invitations: admins invite, withdraw and list them; the public end of an invitation link previews and accepts. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/invitations', async () => ({ invitations: (await listOpenInvitations(ctx.db)).map(toInvitationDto) }));

  app.post('/api/invitations', async (request, reply) => {
    const body = parseInput(InvitationBodySchema, request.body, 'invitation');
    if (await findUserByEmail(ctx.db, body.email)) throw new AppError('CONFLICT', `${body.email} already has an account: change their role in the team list instead.`);
    const token = randomBytes(32).toString('base64url');
    const invitation = await insertInvitation(ctx.db, {
      tokenHash: hashSessionToken(token),
      email: body.email,
      role: body.role,
      invitedBy: userOf(request).id,
      expiresAt: new Date(Date.now() + body.expiresInDays * DAY_MS),
    });
    await audit(ctx, request, 'user.invited', { target: ['invitation', invitation.id], details: { email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at.toISOString() } });
    return reply.code(201).send({ invitation: toInvitationDto(invitation), token, path: `/invite/${token}` } satisfies CreatedInvitation);
  });

  app.delete('/api/invitations/:id', async (request, reply) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'invitation id');
    const revoked = await revokeInvitation(ctx.db, id);
    if (!revoked) throw new AppError('NOT_FOUND', `No open invitation ${id}: it was used, withdrawn, or never existed.`);
    await audit(ctx, request, 'invitation.revoked', { target: ['invitation', id], details: { email: revoked.email, role: revoked.role } });
    return reply.code(204).send();
  });

  // Public: the token is the credential. 32 random bytes cannot be guessed, so no throttle.
  app.post('/api/invitations/preview', async (request) => {
    const { token } = parseInput(InvitationPreviewBodySchema, request.body, 'invitation');
    return { invitation: toInvitationDto(await usableInvitation(ctx, token)) };
  });

  app.post('/api/invitations/accept', async (request, reply) => {
    const body = parseInput(AcceptInvitationBodySchema, request.body, 'invitation acceptance');
    // Checked before hashing the password, so a bad link costs the server nothing.
    await usableInvitation(ctx, body.token);
    const { invitation, user } = await acceptInvitation(ctx.db, { tokenHash: hashSessionToken(body.token), name: body.name, passwordHash: await hashPassword(body.password) });
    await audit(ctx, request, 'invitation.accepted', { actor: user, target: ['user', user.id], details: { email: user.email, role: user.role, invitationId: invitation.id } });
    await startSession(ctx, reply, user.id);
    return reply.code(201).send({ user: toUserDto(user) });
  });
}

/** The open invitation a token names; NOT_FOUND or CONFLICT (used, withdrawn, expired) otherwise. */
async function usableInvitation(ctx: ServerContext, token: string): Promise<Invitation> {
  const invitation = await findInvitationByToken(ctx.db, hashSessionToken(token));
  if (!invitation) throw new AppError('NOT_FOUND', 'This invitation link is not valid. Ask an admin for a new one.');
  if (invitation.accepted_at) throw new AppError('CONFLICT', 'This invitation has already been used. Sign in instead, or ask an admin for a new one.');
  if (invitation.revoked_at) throw new AppError('CONFLICT', 'This invitation was withdrawn. Ask an admin for a new one.');
  if (invitation.expires_at.getTime() <= Date.now()) throw new AppError('CONFLICT', 'This invitation has expired. Ask an admin for a new one.');
  return invitation;
}

function toInvitationDto(i: Invitation): InvitationDto {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.created_at.toISOString(), expiresAt: i.expires_at.toISOString() };
}
