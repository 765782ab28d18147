import type { BrandDto } from '../../src/api/contract.ts';
import { FieldError } from './FormField.tsx';

/**
 * Which brands an API token may reach: none ticked means every brand its user sees (the server
 * narrows a token to its user's brands again on every use, so this can only take brands away).
 */
export function TokenBrandsField({ brands, value, onChange, error }: { brands: BrandDto[]; value: string[]; onChange(next: string[]): void; error?: string | undefined }) {
  if (brands.length < 2) return null;
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset className="field wide token-brands" data-testid="token-brands">
      <legend>Brands {value.length === 0 ? '(every brand you see)' : `(${value.length} of ${brands.length})`}</legend>
      {brands.map((b) => (
        <label key={b.id} className="block small">
          <input type="checkbox" checked={value.includes(b.id)} onChange={(e) => toggle(b.id, e.target.checked)} /> <bdi>{b.name}</bdi>
        </label>
      ))}
      <FieldError message={error} />
    </fieldset>
  );
}
