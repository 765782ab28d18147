export * from './insert-invitation.ts';
export * from './list-open-invitations.ts';
export * from './revoke-invitation.ts';
export * from './accept-invitation.ts';
export * from './find-invitation-by-token.ts';
