import { useState } from 'react';
import type { UserDto } from '../../src/api/contract.ts';
import { AlertsBanner } from './AlertsBanner.tsx';
import { Header } from './Header.tsx';
import { InboxScreen } from './InboxScreen.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { StreamsPage } from './StreamsPage.tsx';
import { useAlerts } from './use-alerts.ts';
import { useBrands } from './use-brands.ts';
import type { StatusFilter } from './use-inbox.ts';
import { useLiveConnection } from './use-live-connection.ts';
import { useReadiness } from './use-readiness.ts';
import { useRoute } from './use-route.ts';
import { roleAtLeast } from '../../src/api/roles.ts';

interface Props {
  user: UserDto;
  signingOut: boolean;
  onSignOut(): void;
}

/** The signed-in app: header and navigation, alerts, and the screen the URL names. */
export function Dashboard({ user, signingOut, onSignOut }: Props) {
  const route = useRoute();
  const live = useLiveConnection();
  const readiness = useReadiness(live.status);
  const alerts = useAlerts(live.subscribe);
  const brands = useBrands();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [brandId, setBrandId] = useState<string | null>(null);
  const isAdmin = user.role === 'admin';
  const canManage = roleAtLeast(user.role, 'manager');

  return (
    <div className="app">
      <Header user={user} route={route} live={live.status} readiness={readiness} signingOut={signingOut} onSignOut={onSignOut} />
      <AlertsBanner alerts={alerts} />
      {route.page === 'inbox' && (
        <InboxScreen
          selectedId={route.mentionId}
          subscribe={live.subscribe}
          brands={brands.brands}
          status={status}
          onStatus={setStatus}
          brandId={brandId}
          onBrand={setBrandId}
        />
      )}
      {route.page === 'streams' && (
        <StreamsPage
          canManage={canManage}
          highlightId={route.streamId}
          subscribe={live.subscribe}
          brands={brands.brands}
          onBrandsChanged={brands.reload}
        />
      )}
      {route.page === 'settings' &&
        (isAdmin ? (
          <SettingsPage brands={brands.brands} />
        ) : (
          <main className="page">
            <p className="placeholder" data-testid="admins-only">
              Settings are for admins. Ask an admin of this Earshot to change connections or response targets.
            </p>
          </main>
        ))}
    </div>
  );
}
