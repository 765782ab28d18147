import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  acceptInvitation,
  changeUserAccess,
  findInvitationByToken,
  findUserByEmail,
  insertInvitation,
  listOpenInvitations,
  listBrands,
  listUserBrandLimits,
  listUsers,
  setUserBrands,
  findUserById,
  revokeInvitation,
  type Invitation,
  type User,
} from '@earshot/db';
import {
  AcceptInvitationBodySchema,
  InvitationBodySchema,
  InvitationPreviewBodySchema,
  UserPatchBodySchema,
  type CreatedInvitation,
  type InvitationDto,
  type TeamUserDto,
} from '../../api/contract.ts';
import { scopeOf, userOf } from '../access.ts';
import { BrandLimitBodySchema } from '../../api/brand-access-contract.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { hashPassword } from '../passwords.ts';
import { hashSessionToken } from '../session-tokens.ts';
import { startSession } from '../start-session.ts';
import { toUserDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });
const DAY_MS = 86_400_000;

/** Team management for admins, and the public end of an invitation link. */
export function registerUserRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/users', async () => {
    const [users, limits] = await Promise.all([listUsers(ctx.db), listUserBrandLimits(ctx.db)]);
    return { users: users.map((u) => toTeamUserDto(u, limits.get(u.id) ?? [])) };
  });

  app.put('/api/users/:id/brands', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'user id');
    const { brandIds } = parseInput(BrandLimitBodySchema, request.body, 'brand limit');
    const user = await findUserById(ctx.db, id);
    if (!user) throw new AppError('NOT_FOUND', `No user ${id}: they may have been removed. Reload the team list.`);
    // An admin gives only brands they see themselves.
    const known = await listBrands(ctx.db, scopeOf(request));
    const unknown = brandIds.filter((b) => !known.some((k) => k.id === b));
    if (unknown.length > 0) throw new AppError('NOT_FOUND', `No brand ${unknown.join(', ')}: pick brands from the list.`);
    await setUserBrands(ctx.db, id, brandIds);
    await audit(ctx, request, 'user.brands_changed', { target: ['user', id], details: { email: user.email, brands: brandIds.length === 0 ? 'all' : known.filter((k) => brandIds.includes(k.id)).map((k) => k.name) } });
    return { user: toTeamUserDto(user, [...new Set(brandIds)]) };
  });

  app.patch('/api/users/:id', async (request) => {
    const { id } = parseInput(IdParamsSchema, request.params, 'user id');
    const body = parseInput(UserPatchBodySchema, request.body, 'user change');
    const { before, after, sessionsEnded } = await changeUserAccess(ctx.db, id, body);
    const limits = await listUserBrandLimits(ctx.db);
    if (before.role !== after.role) await audit(ctx, request, 'user.role_changed', { target: ['user', id], details: { email: after.email, from: before.role, to: after.role } });
    if (before.disabled_at === null && after.disabled_at !== null) await audit(ctx, request, 'user.disabled', { target: ['user', id], details: { email: after.email, sessionsEnded } });
    if (before.disabled_at !== null && after.disabled_at === null) await audit(ctx, request, 'user.enabled', { target: ['user', id], details: { email: after.email } });
    return { user: toTeamUserDto(after, limits.get(id) ?? []) };
  });

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

function toTeamUserDto(user: User, brandIds: string[]): TeamUserDto {
  return { ...toUserDto(user), createdAt: user.created_at.toISOString(), disabledAt: user.disabled_at?.toISOString() ?? null, totpEnabled: user.totp_secret !== null, brandIds };
}

function toInvitationDto(i: Invitation): InvitationDto {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.created_at.toISOString(), expiresAt: i.expires_at.toISOString() };
}
