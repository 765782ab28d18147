import { useId, useState } from 'react';
import type { BrandDto, SlaPolicyDto } from '../../src/api/contract.ts';
import { SlaPolicyForm } from './SlaPolicyForm.tsx';
import { slaPolicyPath } from './sla-form.ts';
import { useResource } from './use-resource.ts';

export function SlaPolicySection({ brands }: { brands: BrandDto[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const brandId = chosen ?? brands[0]?.id ?? null;
  const policy = useResource<{ policy: SlaPolicyDto }>(brandId === null ? null : slaPolicyPath(brandId));
  const selectId = useId();

  return (
    <section className="settings-section" aria-labelledby="sla-heading" data-testid="sla-policy">
      <h2 id="sla-heading">Response targets (SLA)</h2>
      <p className="muted small">
        How soon each priority must be answered, counted in the brand&apos;s business hours. Saving recomputes the
        deadlines of its open mentions.
      </p>
      {brands.length > 1 && (
        <div className="field inline">
          <label htmlFor={selectId}>Brand</label>
          <select id={selectId} value={brandId ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="sla-brand">
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {brandId === null ? (
        <p className="placeholder">No brands yet. Create a stream with a new brand first.</p>
      ) : policy.error !== null ? (
        <div className="alert" role="alert">
          <span>{policy.error}</span>
          <button type="button" className="button small" onClick={policy.reload}>
            Try again
          </button>
        </div>
      ) : policy.data === null || policy.data.policy.brandId !== brandId ? (
        <p className="placeholder" role="status">
          Loading policy…
        </p>
      ) : (
        <div className="card">
          {/* Keyed by brand so switching brands starts from that brand's stored policy. */}
          <SlaPolicyForm key={brandId} policy={policy.data.policy} />
        </div>
      )}
    </section>
  );
}
