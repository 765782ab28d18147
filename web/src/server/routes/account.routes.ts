import type { FastifyInstance } from 'fastify';
import { setUserAway } from '@earshot/db';
import { AwayBodySchema } from '../../api/team-inbox-contract.ts';
import { parseInput } from '../parse.ts';
import { userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

/** The signed-in user's own settings: away (automatic assignment skips them). */
export function registerAccountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.put('/api/account/away', async (request) => {
    const body = parseInput(AwayBodySchema, request.body, 'away');
    await setUserAway(ctx.db, userOf(request).id, body.away);
    return { away: body.away };
  });
}
