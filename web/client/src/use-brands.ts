import { useCallback, useEffect, useState } from 'react';
import type { BrandDto } from '../../src/api/contract.ts';
import { api } from './api.ts';

export interface Brands {
  brands: BrandDto[];
  /** Re-reads the list, e.g. after a brand was added. */
  reload(): void;
}

export function useBrands(): Brands {
  const [brands, setBrands] = useState<BrandDto[]>([]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let stale = false;
    api<{ brands: BrandDto[] }>('GET', '/api/brands').then(
      (r) => {
        if (!stale) setBrands(r.brands);
      },
      () => undefined, // without the list, brand pickers are simply not offered
    );
    return () => {
      stale = true;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { brands, reload };
}
