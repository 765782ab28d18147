import type { BrandDto, StreamDto, TagDto } from '../../src/api/contract.ts';
import { InboxFinder } from './InboxFinder.tsx';
import { InboxMoreFilters } from './InboxMoreFilters.tsx';
import { describeFilters, FILTER_KEYS, withoutFilters, type InboxView, type StatusFilter } from './inbox-url.ts';
import { cx } from './class-names.ts';
import styles from './InboxFilters.module.css';

// "Open" is not here: it is the first of the view tabs above (ViewTabs), with its count, so the
// inbox header has one Open control. These are the other statuses.
const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'answered', label: 'Answered' },
  { value: 'closed', label: 'Closed' },
  { value: 'ignored', label: 'Ignored' },
  { value: 'all', label: 'All' },
];

interface Props {
  view: InboxView;
  onView(view: InboxView): void;
  brands: BrandDto[];
  tags?: TagDto[];
  streams?: StreamDto[];
}

export function InboxFilters({ view, onView, brands, tags = [], streams = [] }: Props) {
  const { status } = view;
  const brandId = view.filters.brandId ?? null;
  const chips = describeFilters(view.filters, new Map(), {
    tags: new Map(tags.map((t) => [t.id, t.name])),
    streams: new Map(streams.map((s) => [s.id, s.name])),
  });
  const brandKnown = brandId === null || brands.some((b) => b.id === brandId);
  return (
    <div className={styles.filtersBlock}>
      <div className={styles.filters}>
        <fieldset className={cx('segmented', styles.statuses)} data-testid="status-filter">
          <legend className="visually-hidden">Show mentions that are not open</legend>
          {STATUSES.map((s) => (
            <label key={s.value} className={status === s.value ? 'checked' : undefined}>
              <input
                type="radio"
                name="status"
                value={s.value}
                checked={status === s.value}
                onChange={() => onView({ ...view, status: s.value })}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        {(brands.length > 1 || !brandKnown) && (
          <label className="brand-filter">
            <span className="visually-hidden">Brand</span>
            <select
              value={brandId ?? ''}
              data-testid="brand-filter"
              onChange={(e) =>
                onView({ status: view.status, filters: { ...view.filters, brandId: e.target.value === '' ? undefined : e.target.value } })
              }
            >
              <option value="">All brands</option>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
              {!brandKnown && <option value={brandId}>Unknown brand</option>}
            </select>
          </label>
        )}
      </div>
      <InboxFinder view={view} onView={onView} tags={tags} streams={streams}>
        <InboxMoreFilters view={view} onView={onView} streams={streams} />
      </InboxFinder>
      {chips.length > 0 && (
        <ul className={styles.filterChips} aria-label="Active filters" data-testid="active-filters">
          {chips.map((chip) => (
            <li key={chip.keys.join('+')} className={styles.chip}>
              <span>{chip.label}</span>
              <button
                type="button"
                className={styles.chipRemove}
                aria-label={`Remove filter: ${chip.label}`}
                onClick={() => onView(withoutFilters(view, chip.keys))}
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button small"
              data-testid="clear-filters"
              onClick={() => onView(withoutFilters(view, FILTER_KEYS.filter((k) => k !== 'brandId')))}
            >
              Clear filters
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
