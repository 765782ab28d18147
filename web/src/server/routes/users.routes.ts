import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, changeUserAccess, findUserById, listBrands, listUserBrandLimits, listUsers, setUserBrands, type User } from '@earshot/db';
import { UserPatchBodySchema, type TeamUserDto } from '../../api/contract.ts';
import { scopeOf } from '../access.ts';
import { BrandLimitBodySchema } from '../../api/brand-access-contract.ts';
import { audit } from '../audit.ts';
import { parseInput } from '../parse.ts';
import { toUserDto } from '../to-dto.ts';
import type { ServerContext } from '../server-context.ts';

const IdParamsSchema = z.object({ id: z.uuid('The id must be a UUID.') });

/** Team management for admins: the team list, roles, disabling, and brand limits. */
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
}

function toTeamUserDto(user: User, brandIds: string[]): TeamUserDto {
  return { ...toUserDto(user), createdAt: user.created_at.toISOString(), disabledAt: user.disabled_at?.toISOString() ?? null, totpEnabled: user.totp_secret !== null, brandIds };
}
