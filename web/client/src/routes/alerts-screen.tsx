import { useRouterState } from '@tanstack/react-router';
import { AlertsPage } from '../AlertsPage.tsx';
import { useShell } from '../dashboard-context.ts';

/** "/alerts?brandId=…&alert=…": alerts, their rules and actions. */
export function AlertsScreen() {
  const { brands, user } = useShell();
  const search = useRouterState({ select: (s) => s.location.searchStr });
  return <AlertsPage user={user} brands={brands} search={search} />;
}
