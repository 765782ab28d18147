import { useRouterState } from '@tanstack/react-router';
import { useShell } from '../dashboard-context.ts';
import { ReportsPage } from '../ReportsPage.tsx';

/** "/reports?brandId=…&week=…": the weekly report (its own chunk, with the charts library). */
export function ReportsScreen() {
  const { brands } = useShell();
  const search = useRouterState({ select: (s) => s.location.searchStr });
  return <ReportsPage brands={brands} search={search} />;
}
