import type { FastifyInstance } from 'fastify';
import { listUserNotices, markUserNoticesRead } from '@earshot/db';
import type { NoticesDto } from '../../api/team-inbox-contract.ts';
import { scopeOf, userOf } from '../access.ts';
import type { ServerContext } from '../server-context.ts';

/** The signed-in user's notices (a teammate named them in a note), and marking them read. */
export function registerNoticeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/notices', async (request): Promise<NoticesDto> => {
    const { notices, unread } = await listUserNotices(ctx.db, userOf(request).id, scopeOf(request));
    return {
      unread,
      notices: notices.map((n) => ({ id: n.id, kind: n.kind, mentionId: n.mention_id, text: n.text, createdAt: n.created_at.toISOString(), read: n.read_at !== null })),
    };
  });

  app.post('/api/notices/read', async (request, reply) => {
    await markUserNoticesRead(ctx.db, userOf(request).id);
    return reply.code(204).send();
  });
}
