import { Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import type { AlertDto, BrandDto } from '../../src/api/contract.ts';
import { AlertsBanner } from './AlertsBanner.tsx';
import { ShellContext, useSession, type Shell } from './dashboard-context.ts';
import { Header } from './Header.tsx';
import { useLiveQueries } from './live-queries.ts';
import { countLabel, useInboxCounts } from './use-inbox-counts.ts';
import { useLiveConnection } from './use-live-connection.ts';
import { useNotices } from './use-notices.ts';
import { useReadiness } from './use-readiness.ts';
import { useResource } from './use-resource.ts';
import styles from './Dashboard.module.css';

/**
 * The signed-in app's frame (the router's root route): header and navigation, alerts, and
 * the screen the address names (the Outlet). It holds what every screen shares for as long as
 * the dashboard is open: the live connection, the brands, and the inbox counts.
 */
export function Dashboard() {
  const session = useSession();
  const live = useLiveConnection();
  const readiness = useReadiness(live.status);
  useLiveQueries(live.subscribe, session.user.id);
  const alerts = useResource<{ alerts: AlertDto[] }>('/api/alerts').data?.alerts ?? [];
  // Without the list, brand pickers are simply not offered.
  const brandList = useResource<{ brands: BrandDto[] }>('/api/brands');
  // The counts follow the brand the address names (the inbox's filter, a report's brand).
  const brandId = useRouterState({ select: (s) => brandOf(s.location.search) });
  const counts = useInboxCounts(brandId);
  const notices = useNotices();
  const openCount = counts === null ? null : countLabel(counts.open, counts.cap);
  useEffect(() => {
    document.title = openCount === null ? 'Earshot' : `(${openCount}) Earshot`;
  }, [openCount]);

  const brands = brandList.data?.brands;
  const shell = useMemo<Shell>(
    () => ({ ...session, brands: brands ?? [], reloadBrands: brandList.reload, subscribe: live.subscribe, counts }),
    [session, brands, brandList.reload, live.subscribe, counts],
  );
  return (
    <ShellContext.Provider value={shell}>
      <div className={styles.app}>
        <Header user={session.user} live={live.status} readiness={readiness} signingOut={session.signingOut} onSignOut={session.onSignOut} counts={counts} notices={notices} />
        <AlertsBanner alerts={alerts} />
        <Outlet />
      </div>
    </ShellContext.Provider>
  );
}

function brandOf(search: Record<string, unknown>): string | undefined {
  const id = search['brandId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}
