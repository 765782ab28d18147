import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useShell } from '../dashboard-context.ts';
import { reportsViewOf, searchOfReportsView, type ReportsView } from '../reports-url.ts';
import { ReportsPage } from '../ReportsPage.tsx';

/**
 * "/reports?brandId=…&week=…" (or "&from=…&to=…", and "&compare=1"): the weekly report (its own
 * chunk, with the charts library). The report shown is the address's search parameters
 * (validated by ReportsSearchSchema), so it can be bookmarked, shared and found again with Back.
 */
export function ReportsScreen() {
  const { brands } = useShell();
  const search = useSearch({ from: '/reports' });
  const view = useMemo(() => reportsViewOf(search), [search]);
  const navigate = useNavigate();
  const onView = useCallback((next: ReportsView) => void navigate({ to: '/reports', search: searchOfReportsView(next) }), [navigate]);
  return <ReportsPage brands={brands} view={view} onView={onView} />;
}
