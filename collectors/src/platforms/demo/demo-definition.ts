import { definePlatform, type PlatformDefinition } from '../definition.ts';
import { checkDemoReply, createDemoAdapter, DemoQuerySchema, type DemoQuery } from './demo-adapter.ts';

export function demoDefinition(options: { replyLatencyMs?: number } = {}): PlatformDefinition<DemoQuery> {
  return definePlatform({
    platform: 'demo',
    label: 'Demo (replayed airline tweets)',
    credentials: null,
    querySchema: DemoQuerySchema,
    queryExample: { startedAt: new Date().toISOString(), perMinute: 6, backlog: 30 },
    replyLimit: 280,
    replyCounting: 'code-points',
    checkReply: checkDemoReply,
    createAdapter: ({ db }) => createDemoAdapter({ db, ...options }),
  });
}
