import type { ReactNode } from 'react';
import { roleAtLeast, type Role } from '../../../src/api/roles.ts';
import { useShell } from '../dashboard-context.ts';

/**
 * A screen for `role` and above; others see why not, at the same address (the server refuses
 * their reads anyway: this only spares them a page of errors).
 */
export function RoleGate({ role, message, children }: { role: Role; message: string; children: ReactNode }) {
  const { user } = useShell();
  if (roleAtLeast(user.role, role)) return children;
  return (
    <main className="page">
      <p className="placeholder" data-testid="admins-only">
        {message}
      </p>
    </main>
  );
}

export const ADMINS_ONLY = 'The team and the audit log are for admins. Ask an admin of this Earshot.';
