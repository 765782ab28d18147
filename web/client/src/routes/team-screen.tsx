import { useShell } from '../dashboard-context.ts';
import { TeamPage } from '../TeamPage.tsx';
import { ADMINS_ONLY, RoleGate } from './role-gate.tsx';

/** "/team": users and invitations (admins). */
export function TeamScreen() {
  const { user } = useShell();
  return (
    <RoleGate role="admin" message={ADMINS_ONLY}>
      <TeamPage me={user} />
    </RoleGate>
  );
}
