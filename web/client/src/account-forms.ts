import { BrandLimitBodySchema, type BrandLimitBody } from '../../src/api/brand-access-contract.ts';
import {
  ApiTokenBodySchema,
  ConnectionBodySchema,
  InvitationBodySchema,
  TotpCodeBodySchema,
  type ApiTokenBody,
  type ConnectionBody,
  type ConnectionDto,
  type InvitationBody,
  type PlatformDto,
  type TeamUserDto,
  type UserDto,
} from '../../src/api/contract.ts';
import type { FieldLabels } from '../../src/api/field-labels.ts';
import { contractProblems, contractResolver, type FieldOf } from './form-errors.ts';
import { cachePut, withItem, type CachePut } from './hooks/use-api-mutation.ts';

// The team, connections and account forms: each form's values (as typed), the body they make,
// checked with the server's own schema (contract.ts), and which field each problem is about.
// The server words these bodies without a label table, so the labels here are the forms' own:
// the resolver says "Expires after (days) must be at least 1" before any request.

type Role = UserDto['role'];

export const USERS_PATH = '/api/users';
export const INVITATIONS_PATH = '/api/invitations';
export const TOKENS_PATH = '/api/tokens';
export const CONNECTIONS_PATH = '/api/connections';
export const TOTP_PATH = '/api/account/totp';

/** A user the server answered with, put into the team list. */
export function putTeamUser(user: TeamUserDto): CachePut[] {
  return [
    cachePut<{ users: TeamUserDto[] }>(USERS_PATH, (old) => ({
      users: withItem(old?.users, user.id, user),
    })),
  ];
}

/** The first path part a problem is about, for forms whose fields are the body's own keys. */
function head(path: string): string {
  return path.split('.')[0] ?? '';
}

// Invitations (Team page).

export interface InviteForm {
  email: string;
  role: Role;
}

export const INVITE_LABELS: FieldLabels = {
  email: 'Email',
  role: 'Role',
  expiresInDays: 'Link works for (days)',
};

export function inviteToBody(form: InviteForm): InvitationBody {
  return { email: form.email.trim(), role: form.role };
}

export const inviteFieldOf: FieldOf<InviteForm> = (path) => {
  const field = head(path);
  return field === 'email' || field === 'role' ? field : null;
};

export const inviteResolver = contractResolver<InviteForm>(
  inviteToBody,
  InvitationBodySchema,
  INVITE_LABELS,
  inviteFieldOf,
);

// Which brands a user sees (Team page).

export interface BrandLimitForm {
  brandIds: string[];
}

export const BRAND_LIMIT_LABELS: FieldLabels = { brandIds: 'Brands' };

export const brandLimitFieldOf: FieldOf<BrandLimitForm> = (path) =>
  head(path) === 'brandIds' ? 'brandIds' : null;

export const brandLimitResolver = contractResolver<BrandLimitForm>(
  (form): BrandLimitBody => ({ brandIds: form.brandIds }),
  BrandLimitBodySchema,
  BRAND_LIMIT_LABELS,
  brandLimitFieldOf,
);

// API tokens (Account page).

export interface TokenForm {
  name: string;
  role: Role;
  /** Blank: never expires. */
  days: string;
  /** None: every brand the user sees. */
  brandIds: string[];
}

export const TOKEN_LABELS: FieldLabels = {
  name: 'Name',
  role: 'Role',
  expiresInDays: 'Expires after (days)',
  brandIds: 'Brands',
};

/** The body the form sends; unchecked (the resolver and the server check it). */
export function tokenToBody(form: TokenForm): ApiTokenBody {
  const days = form.days.trim();
  return {
    name: form.name.trim(),
    role: form.role,
    ...(days !== '' ? { expiresInDays: Number(days) } : {}),
    ...(form.brandIds.length > 0 ? { brandIds: form.brandIds } : {}),
  };
}

const TOKEN_PLACES: Record<string, keyof TokenForm> = {
  name: 'name',
  role: 'role',
  expiresInDays: 'days',
  brandIds: 'brandIds',
};

export const tokenFieldOf: FieldOf<TokenForm> = (path) => TOKEN_PLACES[head(path)] ?? null;

export const tokenResolver = contractResolver<TokenForm>(
  tokenToBody,
  ApiTokenBodySchema,
  TOKEN_LABELS,
  tokenFieldOf,
);

/** The token form's problems by form field, as its resolver puts them. */
export function tokenFormProblems(form: TokenForm): { field: string | null; message: string }[] {
  return contractProblems(ApiTokenBodySchema, TOKEN_LABELS, tokenToBody(form)).map((p) => ({
    field: tokenFieldOf(p.path),
    message: p.message,
  }));
}

// Two-factor sign-in (Account page): confirming and turning off both take a current code.

export interface TotpCodeForm {
  code: string;
}

export const TOTP_LABELS: FieldLabels = { code: 'Code' };

export const totpFieldOf: FieldOf<TotpCodeForm> = (path) => (head(path) === 'code' ? 'code' : null);

export const totpResolver = contractResolver<TotpCodeForm>(
  (form) => ({ code: form.code.trim() }),
  TotpCodeBodySchema,
  TOTP_LABELS,
  totpFieldOf,
);

// Platform credentials (Settings → Connections): one form per platform, its fields the
// platform's own, named as the API names them (`appKey`: `credentials.appKey` in the body).

export type ConnectionForm = Record<string, string>;

export function emptyConnectionForm(platform: PlatformDto): ConnectionForm {
  return Object.fromEntries(platform.credentialFields.map((f) => [f.name, '']));
}

/** Blank optional fields are left out rather than stored as empty strings. */
export function connectionToBody(form: ConnectionForm): ConnectionBody {
  return { credentials: Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')) };
}

/** The platform's labels, without their explanations in brackets ("API key must be …"). */
export function connectionLabels(platform: PlatformDto): FieldLabels {
  return Object.fromEntries(
    platform.credentialFields.map((f) => [
      `credentials.${f.name}`,
      f.label.replace(/\s*\(.*\)\s*$/, ''),
    ]),
  );
}

export function connectionFieldOf(platform: PlatformDto): FieldOf<ConnectionForm> {
  return (path) => {
    const [top, name] = path.split('.');
    return top === 'credentials' && platform.credentialFields.some((f) => f.name === name)
      ? (name ?? null)
      : null;
  };
}

export function connectionResolver(platform: PlatformDto) {
  return contractResolver<ConnectionForm>(
    connectionToBody,
    ConnectionBodySchema,
    connectionLabels(platform),
    connectionFieldOf(platform),
  );
}

/** A platform's connection as the server answered it (null: removed), put into the list. */
export function putConnection(platform: string, connection: ConnectionDto | null): CachePut[] {
  return [
    cachePut<{ connections: ConnectionDto[] }>(CONNECTIONS_PATH, (old) => {
      const others = (old?.connections ?? []).filter((c) => c.platform !== platform);
      return { connections: connection === null ? others : [...others, connection] };
    }),
  ];
}
