import type { UserDto } from './contract.ts';

export type Role = UserDto['role'];

/** Least to most: viewer reads, agent works the inbox, manager configures, admin runs the install. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, agent: 1, manager: 2, admin: 3 };
export const ROLES = Object.keys(ROLE_RANK) as Role[];

/** True when `role` is `least` or above it. */
export function roleAtLeast(role: Role | undefined, least: Role): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[least];
}
