import type { FastifyInstance } from 'fastify';
import { listTeammates } from '@earshot/db';
import type { TeammateDto } from '../../api/team-inbox-contract.ts';
import type { ServerContext } from '../server-context.ts';

/** The teammates a mention can be assigned to or a note can name. */
export function registerTeammateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/teammates', async (): Promise<{ teammates: TeammateDto[] }> => ({ teammates: await listTeammates(ctx.db) }));
}
