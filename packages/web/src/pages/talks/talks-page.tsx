import type { SessionInfo } from '@lockstep/contract';
import { createContext, useContext } from 'react';
import { NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import { AdminPage } from './admin-page.tsx';
import { DocumentPage } from './document-page.tsx';
import { InboxPage } from './inbox-page.tsx';
import { ProgressPage } from './progress-page.tsx';
import { RoundsPage } from './rounds-page.tsx';
import { SignInPage } from './sign-in-page.tsx';
import { delegationNames, talksApi, useTalks } from './talks-api.ts';
import { TextPage } from './text-page.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import './talks.css';

/** The signed-in user, for the talks pages. */
const SessionContext = createContext<SessionInfo | undefined>(undefined);

export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in talks page');
  return session;
}

/** "Head of the Iran delegation", "Coordinator". */
export function describeUser(user: SessionInfo['user']): string {
  if (user.delegation)
    return `${user.role} of the ${delegationNames[user.delegation] ?? user.delegation} delegation`;
  return user.role;
}

/**
 * The Talks area: sign-in (or the first-run form), then the inbox, papers, the texts, progress and rounds of
 * the signed-in user, each as the server renders it for that user.
 */
export function TalksPage() {
  const [session, reload] = useTalks((signal) => talksApi.session(signal));
  const navigate = useNavigate();
  if (session.status === 'loading') return <p className="loading">Loading the talks…</p>;
  if (session.status === 'error') {
    if (session.code === 401) return <SignInPage onSignedIn={reload} />;
    return (
      <p className="error" role="alert">
        {session.message}
      </p>
    );
  }
  const { user } = session.data;
  const signOut = async () => {
    await talksApi.signOut();
    navigate('/talks');
    reload();
  };
  const isAdmin = user.role === 'admin';
  return (
    <SessionContext.Provider value={session.data}>
      <div className="talks">
        <header className="talks-header">
          <div>
            <h1>Talks</h1>
            <p className="talks-who" data-testid="signed-in-as">
              Signed in as <strong>{user.displayName}</strong> ({describeUser(user)}), until{' '}
              {session.data.expiresAt.slice(0, 16).replace('T', ' ')} UTC
            </p>
          </div>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </header>
        {isAdmin ? (
          <>
            <p className="note" role="note">
              An admin manages accounts, API tokens and the audit log, and reads no paper, text or round:
              those belong to the delegations and the coordinator.
            </p>
            <AdminPage />
          </>
        ) : (
          <>
            <nav className="talks-nav" aria-label="Talks">
              <NavLink to="/talks" end>
                Inbox
              </NavLink>
              <NavLink to="/talks/texts/sanctions-lifting">Sanctions lifting</NavLink>
              <NavLink to="/talks/texts/nuclear-implementation">Nuclear implementation</NavLink>
              <NavLink to="/talks/texts/sequencing">Sequencing</NavLink>
              <NavLink to="/talks/progress">Progress</NavLink>
              <NavLink to="/talks/rounds">Rounds</NavLink>
              <NavLink to="/talks/tokens">API tokens</NavLink>
            </nav>
            <Routes>
              <Route index element={<InboxPage />} />
              <Route path="documents/:id" element={<DocumentPage />} />
              <Route path="texts/:group" element={<TextPage />} />
              <Route path="progress" element={<ProgressPage />} />
              <Route path="rounds" element={<RoundsPage />} />
              <Route path="tokens" element={<TokensPanel />} />
              <Route path="*" element={<p className="error">No such talks page.</p>} />
            </Routes>
          </>
        )}
      </div>
    </SessionContext.Provider>
  );
}
