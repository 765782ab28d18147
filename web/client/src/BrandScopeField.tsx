import type { UseFormRegisterReturn } from 'react-hook-form';
import type { BrandDto } from '../../src/api/contract.ts';
import { Field } from './FormField.tsx';

interface Props {
  label: string;
  brands: BrandDto[];
  error: string | undefined;
  /** The form's `register('brandId')`: '' stands for every brand. */
  field: UseFormRegisterReturn;
  testId?: string;
}

/** Every brand, or one: for what serves all brands unless limited (channels, saved replies). */
export function BrandScopeField({ label, brands, error, field, testId }: Props) {
  return (
    <Field label={label} error={error}>
      {(input) => (
        <select {...input} {...field} data-testid={testId}>
          <option value="">Every brand</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
