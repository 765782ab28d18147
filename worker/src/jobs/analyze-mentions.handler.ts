import { z } from 'zod';
import {
  CollectedMentionSchema,
  findPageForAnalysis,
  insertMentionsCounted,
  takePageForAnalysis,
  type JobPayload,
  type Runtime,
} from '@earshot/db';
import { getDefaultModel } from '../analysis/index.ts';
import { BrandModelCache } from '../brand-models/index.ts';
import { buildMentionRows } from '../pipeline/build-mention-rows.ts';
import { slaRulesFromPolicy } from '@earshot/policy';
import { deadlineFactorOf, joinOpenIncidents, tightenRules } from '../incidents/index.ts';

const REPEAT_WINDOW_MS = 60 * 60_000;
const PageMentionsSchema = z.array(CollectedMentionSchema);

export interface AnalyzeOutcome {
  /** Ids of mentions stored by this run (not those already stored). */
  inserted: string[];
  /** False when the page had already been analyzed: a re-run job is a no-op. */
  found: boolean;
}

const caches = new WeakMap<Runtime, BrandModelCache>();

/**
 * One brand-model cache per runtime (so per process), shared by every analyze job; the first
 * call decides how often it re-reads a brand's model (default 10 s).
 */
export function brandModelsOf(runtime: Runtime, ttlMs?: number): BrandModelCache {
  let cache = caches.get(runtime);
  if (!cache) {
    cache = new BrandModelCache(runtime.db, getDefaultModel(), runtime.logger, ttlMs);
    caches.set(runtime, cache);
  }
  return cache;
}

/**
 * Analyzes one collected page and stores it. Safe to run twice: the insert skips mentions
 * already stored, the page is deleted in the same transaction, and only inserted rows are
 * counted and announced. Five round trips to PostgreSQL whatever the page size, plus one when
 * an incident is open: the page with its authors' recent counts; then, in one transaction
 * (begin, commit), take the page with the SLA policy, the rollup lock, the brand's incident
 * lock and its open incidents (which may shorten deadlines and take in matching mentions), and
 * insert the rows with their rollups.
 */
export async function handleAnalyzeMentions(runtime: Runtime, payload: JobPayload<'analyzeMentions'>): Promise<AnalyzeOutcome> {
  const { db, bus } = runtime;
  const found = await findPageForAnalysis(db, payload.pageId, REPEAT_WINDOW_MS);
  if (!found) return { inserted: [], found: false };
  const { page, recentByAuthor } = found;
  // Validated by the adapter when collected; checked again because the row is external to this code.
  const mentions = PageMentionsSchema.parse(page.mentions);
  const brandModel = await brandModelsOf(runtime).get(page.brand_id);
  const inserted = await db.transaction().execute(async (trx) => {
    // Taking the page first serialises two runs of the same job: the second finds it gone.
    const taken = await takePageForAnalysis(trx, page.id, page.brand_id);
    if (!taken.taken) return undefined;
    // An open incident can tighten the brand's deadlines for mentions arriving while it lasts.
    const { incidents } = taken;
    const rules = tightenRules(slaRulesFromPolicy(taken.policy), deadlineFactorOf(incidents));
    const rows = buildMentionRows(mentions, {
      brandId: page.brand_id,
      streamId: page.stream_id,
      platform: page.platform,
      rules,
      recentByAuthor,
      brandModel,
    });
    const stored = await insertMentionsCounted(trx, rows);
    if (incidents.length > 0) await joinOpenIncidents(trx, incidents, stored);
    return stored;
  });
  if (!inserted) return { inserted: [], found: false };
  if (inserted.length > 0) {
    // After commit: a dashboard told about an id can always read it.
    await bus.publishMentionEvent({ type: 'mentions.created', brandId: page.brand_id, ids: inserted.map((r) => r.id) });
  }
  return { inserted: inserted.map((r) => r.id), found: true };
}
