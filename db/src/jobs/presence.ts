import type { Redis } from 'ioredis';
import type { JobBus } from './bus.ts';

/** How long a viewer counts as present after their last heartbeat. */
export const PRESENCE_TTL_MS = 15_000;
/** How long a mention's change counter lives after its last change. */
const VERSION_TTL_MS = 24 * 3_600_000;

export interface Viewer {
  userId: string;
  name: string;
  typing: boolean;
}

/**
 * Who is present, read after the change numbered `version`. Every heartbeat and leave of a mention
 * takes the next number, so when two changes' announcements arrive out of order (a leave sent as
 * a panel closes, a heartbeat as it opens again) a dashboard keeps the higher-numbered list and
 * never settles on the stale one.
 */
export interface PresenceSnapshot {
  version: number;
  viewers: Viewer[];
}

/**
 * Who has a mention open, and who is typing a reply to it: one short-lived Redis key per viewer
 * (`…:presence:<mention>:<user>`, expiring `PRESENCE_TTL_MS` after their last heartbeat) and a set
 * of the mention's viewers, so reading needs no key scan. A dashboard that closes without saying
 * so drops out when its key expires. Rebuildable: losing Redis loses only who is looking now.
 */
export class MentionPresence {
  private redis: Redis | undefined;

  constructor(private readonly bus: JobBus) {}

  private client(): Redis {
    this.redis ??= this.bus.connect();
    return this.redis;
  }

  private setKey(mentionId: string): string {
    return `${this.bus.prefix}:presence:${mentionId}`;
  }

  private viewerKey(mentionId: string, userId: string): string {
    return `${this.bus.prefix}:presence:${mentionId}:${userId}`;
  }

  private versionKey(mentionId: string): string {
    return `${this.bus.prefix}:presence-version:${mentionId}`;
  }

  /** The change's number, from the MULTI's INCR (its last reply but one, before the PEXPIRE). */
  private async numbered(mentionId: string, replies: [Error | null, unknown][] | null): Promise<PresenceSnapshot> {
    const last = replies?.at(-2);
    if (!last || last[0] !== null || typeof last[1] !== 'number') throw new Error(`Redis did not number the presence change of mention ${mentionId}.`);
    return { version: last[1], viewers: await this.list(mentionId) };
  }

  /** Records a heartbeat and returns everyone present now. */
  async beat(mentionId: string, viewer: Viewer): Promise<PresenceSnapshot> {
    const replies = await this.client()
      .multi()
      .set(this.viewerKey(mentionId, viewer.userId), JSON.stringify({ name: viewer.name, typing: viewer.typing }), 'PX', PRESENCE_TTL_MS)
      .sadd(this.setKey(mentionId), viewer.userId)
      .pexpire(this.setKey(mentionId), PRESENCE_TTL_MS * 2)
      // Outlives every viewer's key by far: a number that went back to 1 while a dashboard still
      // held a higher one would make it ignore the news.
      .incr(this.versionKey(mentionId))
      .pexpire(this.versionKey(mentionId), VERSION_TTL_MS)
      .exec();
    return this.numbered(mentionId, replies);
  }

  async leave(mentionId: string, userId: string): Promise<PresenceSnapshot> {
    const replies = await this.client()
      .multi()
      .del(this.viewerKey(mentionId, userId))
      .srem(this.setKey(mentionId), userId)
      .incr(this.versionKey(mentionId))
      .pexpire(this.versionKey(mentionId), VERSION_TTL_MS)
      .exec();
    return this.numbered(mentionId, replies);
  }

  /** Everyone whose key has not expired; members whose key expired are dropped from the set. */
  async list(mentionId: string): Promise<Viewer[]> {
    const redis = this.client();
    const ids = await redis.smembers(this.setKey(mentionId));
    if (ids.length === 0) return [];
    const values = await redis.mget(ids.map((id) => this.viewerKey(mentionId, id)));
    const viewers: Viewer[] = [];
    const gone: string[] = [];
    ids.forEach((userId, i) => {
      const raw = values[i];
      if (raw === null || raw === undefined) {
        gone.push(userId);
        return;
      }
      try {
        const v = JSON.parse(raw) as { name?: unknown; typing?: unknown };
        viewers.push({ userId, name: typeof v.name === 'string' ? v.name : 'Someone', typing: v.typing === true });
      } catch {
        gone.push(userId);
      }
    });
    if (gone.length > 0) await redis.srem(this.setKey(mentionId), ...gone);
    return viewers.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }
}
