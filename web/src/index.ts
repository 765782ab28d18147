import { fileURLToPath } from 'node:url';

export { startWeb, type WebOptions, type WebRole } from './start-web.ts';
export { buildServer, type RegisteredRoute } from './server/build-server.ts';
export { ROUTE_ACCESS, ROLES, allows, type Access } from './server/access.ts';
export type { PlatformRules, Decisions, ReportRenderers, Check } from './server/server-context.ts';
export { ensureAdmin } from './server/ensure-admin.ts';
export { hashPassword, verifyPassword } from './server/passwords.ts';
export type * from './api/contract.ts';
export type * from './api/channels-contract.ts';
export * from './api/alerts-contract.ts';
export * from './api/incidents-contract.ts';
export * from './api/saved-reply-variables.ts';

/** Where `npm run build -w @earshot/web` puts the dashboard. */
export const dashboardDir = fileURLToPath(new URL('../dist/client', import.meta.url));
// The inbox benchmark builds cursors and EXPLAINs the very query the inbox route runs.
export { InboxQuerySchema } from './api/contract.ts';
export { encodeInboxCursor } from './server/inbox-cursor.ts';
export { toInboxPageQuery } from './server/inbox-page-query.ts';
export { describeIssues, joinProblems, labelFor, wordIssue, type FieldLabels, type FieldProblem } from './api/field-labels.ts';
