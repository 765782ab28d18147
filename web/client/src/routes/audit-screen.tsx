import { AuditPage } from '../AuditPage.tsx';
import { useShell } from '../dashboard-context.ts';
import { ADMINS_ONLY, RoleGate } from './role-gate.tsx';

/** "/audit": the audit log (admins). */
export function AuditScreen() {
  const { brands } = useShell();
  return (
    <RoleGate role="admin" message={ADMINS_ONLY}>
      <AuditPage brands={brands} />
    </RoleGate>
  );
}
