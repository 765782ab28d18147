import { findBrandModel, type Logger } from '@earshot/db';
import type { SentimentModel } from '../analysis/index.ts';
import { BrandOverlay } from './overlay.ts';
import type { Database } from '@earshot/db';

interface Entry {
  overlay: BrandOverlay | null;
  trainedAt: number;
  checkedAt: number;
}

/**
 * The analyze stage's view of brand overlays: each brand's is read at most once per `ttlMs`
 * (a primary-key read) and parsed again only when it was retrained. An overlay trained on
 * another shared model, or damaged, is not used (logged once per version).
 */
export class BrandModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Database,
    private readonly model: SentimentModel,
    private readonly logger: Logger,
    private readonly ttlMs = 10_000,
  ) {}

  async get(brandId: string, now = Date.now()): Promise<BrandOverlay | null> {
    const cached = this.entries.get(brandId);
    if (cached && now - cached.checkedAt < this.ttlMs) return cached.overlay;
    const row = await findBrandModel(this.db, brandId);
    const trainedAt = row?.trained_at.getTime() ?? 0;
    if (cached && cached.trainedAt === trainedAt) {
      cached.checkedAt = now;
      return cached.overlay;
    }
    let overlay: BrandOverlay | null = null;
    if (row) {
      if (row.base_model !== this.model.fingerprint) {
        this.logger.info('brand model was trained on another sentiment model; not used until retrained', { brandId });
      } else {
        try {
          overlay = BrandOverlay.fromJson(row.overlay);
        } catch (error) {
          this.logger.warn('brand model is damaged; not used', { brandId, error: (error as Error).message });
        }
      }
    }
    this.entries.set(brandId, { overlay, trainedAt, checkedAt: now });
    return overlay;
  }
}
