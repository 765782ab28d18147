import { useShell } from '../dashboard-context.ts';
import { SettingsPage } from '../SettingsPage.tsx';
import { RoleGate } from './role-gate.tsx';

/** "/settings": response targets, channels, brands (managers and admins). */
export function SettingsScreen() {
  const { brands, user, reloadBrands } = useShell();
  return (
    <RoleGate role="manager" message="Settings are for managers and admins. Ask one of them to change response targets or notification channels.">
      <SettingsPage brands={brands} isAdmin={user.role === 'admin'} onBrandsChanged={reloadBrands} />
    </RoleGate>
  );
}
