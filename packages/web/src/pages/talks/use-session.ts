import type { SessionInfo } from '@lockstep/contract';
import { createContext, useContext } from 'react';

/**
 * The signed-in user, for the talks pages. Provided by the Talks area (talks-page.tsx) and read by its
 * sub-pages; kept in a module of its own so that the sub-pages need not import the page that imports them.
 */
export const SessionContext = createContext<SessionInfo | undefined>(undefined);

/** The signed-in user's session, inside the Talks area's signed-in pages. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in talks page');
  return session;
}
