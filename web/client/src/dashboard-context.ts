import { createContext, useContext } from 'react';
import type { BrandDto, InboxCountsDto, UserDto } from '../../src/api/contract.ts';
import type { LiveConnection } from './use-live-connection.ts';

/** The signed-in session, from App to the screens the router shows. */
export interface Session {
  user: UserDto;
  signingOut: boolean;
  onSignOut(): void;
}

/** What the dashboard's frame (Dashboard.tsx) holds for every screen while it is open. */
export interface Shell extends Session {
  brands: BrandDto[];
  reloadBrands(): void;
  subscribe: LiveConnection['subscribe'];
  /** The inbox counts for the brand the address names (null until the first answer). */
  counts: InboxCountsDto | null;
}

export const SessionContext = createContext<Session | null>(null);
export const ShellContext = createContext<Shell | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession() is used outside App: the dashboard renders only for a signed-in session.');
  return session;
}

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (shell === null) throw new Error('useShell() is used outside Dashboard: route screens render inside its frame.');
  return shell;
}
