import { z } from 'zod';
import {
  addMentionsToRollups,
  CollectedMentionSchema,
  countRecentByAuthors,
  deleteCollectedPage,
  findCollectedPage,
  findSlaPolicy,
  insertMentions,
  listOpenBrandIncidents,
  lockBrandIncidents,
  type JobPayload,
  type Runtime,
} from '@earshot/db';
import { getDefaultModel } from '../analysis/index.ts';
import { BrandModelCache } from '../brand-models/index.ts';
import { buildMentionRows } from '../pipeline/build-mention-rows.ts';
import { slaRulesFromPolicy } from '../sla/index.ts';
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
 * Analyzes one collected page and stores it in one statement. Safe to run twice: the
 * insert skips mentions already stored, the page is deleted in the same transaction,
 * and only inserted rows are counted and announced.
 */
export async function handleAnalyzeMentions(runtime: Runtime, payload: JobPayload<'analyzeMentions'>): Promise<AnalyzeOutcome> {
  const { db, bus } = runtime;
  const page = await findCollectedPage(db, payload.pageId);
  if (!page) return { inserted: [], found: false };
  // Validated by the adapter when collected; checked again because the row is external to this code.
  const mentions = PageMentionsSchema.parse(page.mentions);
  const earliest = mentions.reduce((min, m) => (m.postedAt < min ? m.postedAt : min), mentions[0]?.postedAt ?? new Date().toISOString());
  const recentByAuthor = await countRecentByAuthors(
    db,
    page.brand_id,
    mentions.map((m) => m.author.handle),
    new Date(new Date(earliest).getTime() - REPEAT_WINDOW_MS),
  );
  const brandModel = await brandModelsOf(runtime).get(page.brand_id);
  const inserted = await db.transaction().execute(async (trx) => {
    // Taking the page first serialises two runs of the same job: the second finds it gone.
    if (!(await deleteCollectedPage(trx, page.id))) return undefined;
    // Read under a share lock: a policy saved concurrently recomputes these rows too, or waits.
    const policyRules = slaRulesFromPolicy(await findSlaPolicy(trx, page.brand_id, { forShare: true }));
    // An open incident can tighten the brand's deadlines for mentions arriving while it lasts.
    await lockBrandIncidents(trx, page.brand_id, 'shared');
    const incidents = await listOpenBrandIncidents(trx, page.brand_id);
    const rules = tightenRules(policyRules, deadlineFactorOf(incidents));
    const rows = buildMentionRows(mentions, {
      brandId: page.brand_id,
      streamId: page.stream_id,
      platform: page.platform,
      rules,
      recentByAuthor,
      brandModel,
    });
    const stored = await insertMentions(trx, rows);
    await addMentionsToRollups(trx, page.brand_id, stored.map((r) => r.id));
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
