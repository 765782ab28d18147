// The two per-minute alert costs besides detection itself, at scale:
//
//   npm run bench:alerts-scale        (from the repository root; --brands N, default 10,000)
//
// 1. SLA alerts (runSlaTick): N brands with 50 mentions each over the last 8 days, a fifth of
//    them open with deadlines from 5 hours ago to 5 hours ahead. The first tick opens an alert
//    for every brand at risk (a deploy on an install with backlogs); the next ticks are the
//    steady state. Also the count query's plan (it should be an index-only scan of
//    mentions_open_due_idx).
// 2. One spike explanation at its largest (explainSpike): 2,000 window mentions (the read
//    limit) and a week of 20,000 earlier mentions, of which 2,800 are sampled.
import { sql } from 'kysely';
import { countSlaRisksByBrand } from '@earshot/db';
import { createTestDb } from '@earshot/db/testing';
import { runSlaTick } from '../../../worker/src/sla/run-sla-tick.ts';
import { explainSpike } from '../../../worker/src/spikes/explain-spike.ts';

const BRANDS = Number(process.argv[process.argv.indexOf('--brands') + 1]) || 10_000;
const ms = (from: number) => `${Math.round(performance.now() - from)} ms`;

const t = await createTestDb();
try {
  let s = performance.now();
  await sql`insert into brands (name) select 'b' || g from generate_series(1, ${BRANDS}) g`.execute(t.db);
  await sql`
    insert into mentions (brand_id, platform, external_id, text, author_handle, posted_at, sentiment,
      sentiment_score, confidence, intent, priority, priority_reason, sla_due_at, status)
    select b.id, case when g % 4 = 0 then 'reddit' else 'twitter' end, b.id || '-' || g,
      'my flight was delayed, customer service slow ' || (g % 13), 'u' || (g % 300),
      now() - (g * 23 % 11520) * interval '1 minute', 'negative', -0.5, 0.8, 'complaint', 2, 'bench',
      now() + ((g * 37 % 600) - 300) * interval '1 minute',
      case when g % 5 = 0 then 'open' else 'answered' end
    from brands b cross join generate_series(1, 50) g`.execute(t.db);
  await sql`vacuum analyze mentions`.execute(t.db);
  console.log(`SLA alerts: ${BRANDS.toLocaleString('en')} brands, ${(BRANDS * 50).toLocaleString('en')} mentions (seeded in ${ms(s)})`);

  const now = new Date();
  s = performance.now();
  const risks = await countSlaRisksByBrand(t.db, now);
  console.log(`count query (countSlaRisksByBrand)     ${ms(s).padStart(9)}   ${risks.length} brands at risk`);
  for (let i = 0; i < 4; i++) {
    s = performance.now();
    const r = await runSlaTick(t.db, { now: new Date(now.getTime() + i * 60_000) });
    console.log(
      `tick ${i + 1}${i === 0 ? ' (every alert opens)   ' : ' (steady state)        '}        ${ms(s).padStart(9)}   opened ${r.opened}, escalated ${r.escalated}, updated ${r.updated}, closed ${r.closed}`,
    );
  }
  const plan = await t.db.connection().execute(async (c) => {
    await sql`set search_path to ${sql.raw(`"${t.schema}"`)}`.execute(c);
    return sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off)
      select m.brand_id, count(*) from mentions m left join sla_policies p on p.brand_id = m.brand_id
      where m.status = 'open' and not m.is_spam and m.intent <> 'spam'
        and m.sla_due_at <= (select now() + interval '15 minutes')
        and m.sla_due_at <= now() + coalesce(p.alert_lead_minutes, 15) * interval '1 minute'
      group by m.brand_id`.execute(c);
  });
  console.log(plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));

  const brand = (await t.db.selectFrom('brands').select('id').limit(1).executeTakeFirstOrThrow()).id;
  await sql`
    insert into mentions (brand_id, platform, external_id, text, author_handle, posted_at, sentiment,
      sentiment_score, confidence, intent, priority, priority_reason, sla_due_at)
    select ${brand}::uuid, 'twitter', 'storm-' || g,
      case when g % 2 = 0 then 'refund refused again #RefundNow' else 'flight delayed ' || (g % 17) end,
      'a' || g, now() - (g % 30) * interval '1 minute', 'negative', -0.5, 0.8, 'complaint', 2, 'bench', now()
    from generate_series(1, 2500) g
    union all
    select ${brand}::uuid, 'twitter', 'base-' || g, 'flight delayed ' || (g % 17) || ' customer service',
      'a' || g, now() - interval '2 hours' - (g % 10000) * interval '1 minute', 'negative', -0.5, 0.8,
      'complaint', 2, 'bench', now()
    from generate_series(1, 20000) g`.execute(t.db);
  await sql`analyze mentions`.execute(t.db);
  console.log('\nSpike explanation at its largest (explainSpike)');
  for (let i = 0; i < 3; i++) {
    s = performance.now();
    const e = await explainSpike(t.db, {
      brandId: brand,
      metric: 'negative',
      from: new Date(Date.now() - 30 * 60_000),
      before: new Date(Date.now() + 60_000),
      total: 2500,
    });
    console.log(
      `run ${i + 1}                                   ${ms(s).padStart(9)}   ${e.mentions} window, ${e.baselineMentions} baseline mentions; first driver "${e.phrases[0]?.term}"`,
    );
  }
} finally {
  await t.drop();
}
