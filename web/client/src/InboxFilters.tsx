import type { BrandDto } from '../../src/api/contract.ts';
import type { StatusFilter } from './use-inbox.ts';

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'answered', label: 'Answered' },
  { value: 'all', label: 'All' },
];

interface Props {
  status: StatusFilter;
  onStatus(status: StatusFilter): void;
  brands: BrandDto[];
  brandId: string | null;
  onBrand(brandId: string | null): void;
}

export function InboxFilters({ status, onStatus, brands, brandId, onBrand }: Props) {
  return (
    <div className="filters">
      <fieldset className="segmented" data-testid="status-filter">
        <legend className="visually-hidden">Show mentions</legend>
        {STATUSES.map((s) => (
          <label key={s.value} className={status === s.value ? 'checked' : undefined}>
            <input
              type="radio"
              name="status"
              value={s.value}
              checked={status === s.value}
              onChange={() => onStatus(s.value)}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      {brands.length > 1 && (
        <label className="brand-filter">
          <span className="visually-hidden">Brand</span>
          <select value={brandId ?? ''} onChange={(e) => onBrand(e.target.value === '' ? null : e.target.value)}>
            <option value="">All brands</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
