import { AccountPage } from '../AccountPage.tsx';
import { useShell } from '../dashboard-context.ts';

/** "/account": your API tokens, two-factor sign-in, signing out everywhere. */
export function AccountScreen() {
  const { user, onSignOut } = useShell();
  return <AccountPage me={user} onSignedOutEverywhere={onSignOut} />;
}
