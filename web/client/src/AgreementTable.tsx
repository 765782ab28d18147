import type { AgreementDto } from '../../src/api/contract.ts';
import { formatNumber, formatPercent, timeAgo } from './format.ts';
import { useResource } from './use-resource.ts';
import { cx } from './class-names.ts';
import styles from './AgreementTable.module.css';

const FIELDS = ['sentiment', 'intent', 'priority'] as const;

function Share({ value, overruled }: { value: number | null; overruled: number }) {
  if (value === null) return <span className="muted" title="Nothing analysed yet">–</span>;
  const level = value >= 0.9 ? 'good' : value >= 0.75 ? 'fair' : 'poor';
  return (
    <>
      <span className={cx(styles.agreement, styles[level])}>{formatPercent(value)}</span>
      <span className="muted small block">{formatNumber(overruled)} overruled</span>
    </>
  );
}

/** What the brand's own model learnt from its corrections, and how it does on ones it did not learn from. */
function BrandModelCell({ brand }: { brand: AgreementDto }) {
  const m = brand.brandModel;
  const pending = brand.brandModelPending ? <span className="muted small block">learning new corrections…</span> : null;
  if (m === null) {
    return brand.brandModelPending ? (
      <span data-state="pending">Learning…</span>
    ) : (
      <span className="muted" data-state="none" title="Correct a mention's sentiment or intent and the brand gets a model of its own">
        No corrections yet
      </span>
    );
  }
  const measured =
    m.scored === 0 || m.baseAgreement === null || m.brandAgreement === null ? (
      <span className="muted small block">too few reviews to measure yet</span>
    ) : (
      <span className="muted small block" title={`${formatNumber(m.scored)} reviewed mentions, each scored by a model trained without it`}>
        agrees with agents on unseen reviews: shared {formatPercent(m.baseAgreement)} → brand {formatPercent(m.brandAgreement)}
      </span>
    );
  const verdict = m.kept ? null : <span className="muted small block">not used: no better than the shared model</span>;
  return (
    <span data-state={brand.brandModelPending ? 'pending' : m.kept ? 'trained' : 'not-used'}>
      <span data-testid="brand-model-labels">
        Learnt {formatNumber(m.labels)} {m.labels === 1 ? 'label' : 'labels'}
      </span>
      <span className="muted small block">{timeAgo(m.trainedAt, Date.now())}</span>
      {measured}
      {verdict}
      {pending}
    </span>
  );
}

/** How often agents left the model's labels as they were, per brand and field. */
export function AgreementTable() {
  const agreement = useResource<{ brands: AgreementDto[] }>('/api/agreement');
  let body;
  if (agreement.error !== null) {
    body = (
      <div className="alert" role="alert">
        <span>{agreement.error}</span>
        <button type="button" className="button small" onClick={agreement.reload}>
          Try again
        </button>
      </div>
    );
  } else if (agreement.data === null) {
    body = (
      <p className="placeholder" role="status">
        Loading…
      </p>
    );
  } else if (agreement.data.brands.length === 0) {
    body = <p className="placeholder">Nothing analysed yet.</p>;
  } else {
    body = (
      <div className="card table-card">
        <table className="data-table" data-testid="agreement-table">
          <caption className="visually-hidden">Model agreement per brand</caption>
          <thead>
            <tr>
              <th scope="col">Brand</th>
              <th scope="col" className="num">
                Analysed
              </th>
              <th scope="col" className="num">
                Corrections
              </th>
              {FIELDS.map((f) => (
                <th key={f} scope="col" className="num capitalize">
                  {f}
                </th>
              ))}
              <th scope="col">Brand model</th>
            </tr>
          </thead>
          <tbody>
            {agreement.data.brands.map((b) => (
              <tr key={b.brandId} data-testid="agreement-row" data-brand-id={b.brandId}>
                <th scope="row">{b.brandName}</th>
                <td className="num">{formatNumber(b.analysed)}</td>
                <td className="num" data-testid="agreement-corrections">
                  {formatNumber(b.corrections)}
                </td>
                {FIELDS.map((f) => (
                  <td key={f} className="num" data-field={f}>
                    <Share value={b.agreement[f]} overruled={b.overruled[f]} />
                  </td>
                ))}
                <td data-testid="brand-model">
                  <BrandModelCell brand={b} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="settings-section" aria-labelledby="agreement-heading" data-testid="agreement">
      <div className={styles.sectionTop}>
        <h2 id="agreement-heading">Model agreement</h2>
        <button type="button" className="button small" onClick={agreement.reload}>
          Refresh
        </button>
      </div>
      <p className="muted small">
        The share of analysed mentions whose sentiment, intent and priority agents left as the model set them. A low
        share means agents often overrule the model on that field for that brand. Each brand also gets a model of its
        own: the shared model adjusted by its agents&apos; sentiment corrections, retrained within a minute of a new
        one and used for the brand&apos;s next mentions.
      </p>
      {body}
    </section>
  );
}
