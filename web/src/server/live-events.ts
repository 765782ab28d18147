import type { JobBus, MentionEvent } from '@earshot/db';

/**
 * One Redis subscription per web process, fanned out to every open dashboard. Opening a
 * dashboard costs a Set entry, not a Redis connection.
 */
export class LiveEvents {
  private readonly listeners = new Set<(event: MentionEvent) => void>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(private readonly bus: JobBus) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribeMentionEvents((event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  listen(listener: (event: MentionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.unsubscribe?.();
  }
}
