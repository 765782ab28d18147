import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { alertsViewOf, searchOfAlertsView, type AlertsView } from '../alerts-url.ts';
import { AlertsPage } from '../AlertsPage.tsx';
import { useShell } from '../dashboard-context.ts';

/**
 * "/alerts?brandId=…&alert=…&status=…&ruleId=…&from=…&to=…": alerts, their rules and actions.
 * The brand, the open alert and the history's filters are the address's search parameters
 * (validated by AlertsSearchSchema), so a filtered history can be bookmarked and shared.
 */
export function AlertsScreen() {
  const { brands, user } = useShell();
  const search = useSearch({ from: '/alerts' });
  const view = useMemo(() => alertsViewOf(search), [search]);
  const navigate = useNavigate();
  const onView = useCallback((next: AlertsView) => void navigate({ to: '/alerts', search: searchOfAlertsView(next) }), [navigate]);
  return <AlertsPage user={user} brands={brands} view={view} onView={onView} />;
}
