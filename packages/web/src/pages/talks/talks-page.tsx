import type { SessionInfo } from '@lockstep/contract';
import { useCallback, useState } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AccountPage } from './account-page.tsx';
import { ActivatePage } from './activate-page.tsx';
import { AdminPage } from './admin-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { describeAccount } from './describe-account.ts';
import { DocumentPage } from './document-page.tsx';
import { InboxPage } from './inbox-page.tsx';
import { LiveChanges, LiveEventsProvider } from './live-events.tsx';
import { ProgressPage } from './progress-page.tsx';
import { RelayPage } from './relay-page.tsx';
import { RoundsPage } from './rounds-page.tsx';
import { SignInPage } from './sign-in-page.tsx';
import { SignedOutContext, talksApi, useTalks, when } from './talks-api.ts';
import { TextPage } from './text-page.tsx';
import { SessionContext } from './use-session.ts';
import './talks.css';

/** Where to go after signing in: the talks page the user was sent away from, or the inbox. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' &&
    from.startsWith('/talks') &&
    !from.startsWith('/talks/sign-in') &&
    !from.startsWith('/talks/activate')
    ? from
    : '/talks';
}

/**
 * The Talks area: sign-in at `/talks/sign-in` (or the first-run form) and account activation at
 * `/talks/activate`, then the inbox, papers, relays, the texts, progress, rounds and the user's account, each
 * as the server renders it for that user; for the coordinator also the audit log's verification; for the
 * admin, accounts, the audit log and their account only. Any 401 (a session that ended) takes the user to
 * sign-in, and back to the same page after it.
 */
export function TalksPage() {
  const [loaded] = useTalks((signal) => talksApi.session(signal));
  /** Overrides the loaded session: `null` after signing out or a 401, the answer of a sign-in. */
  const [known, setKnown] = useState<SessionInfo | null>();
  const navigate = useNavigate();
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '');
  const atSignIn = path === '/talks/sign-in';
  const signedOut = useCallback(() => {
    setKnown(null);
    navigate('/talks/sign-in', { replace: true, state: { from: location.pathname } });
  }, [navigate, location.pathname]);

  const session: SessionInfo | null | 'loading' | { error: string } =
    known !== undefined
      ? known
      : loaded.status === 'loading'
        ? 'loading'
        : loaded.status === 'ready'
          ? loaded.data
          : loaded.code === 401
            ? null
            : { error: loaded.message };
  if (path === '/talks/activate') {
    return (
      <ActivatePage
        onActivated={(info) => {
          setKnown(info);
          navigate('/talks', { replace: true });
        }}
      />
    );
  }
  if (session === 'loading') return <p className="loading">Loading the talks…</p>;
  if (session !== null && 'error' in session)
    return (
      <p className="error" role="alert">
        {session.error}
      </p>
    );
  if (session === null) {
    if (!atSignIn) return <Navigate to="/talks/sign-in" replace state={{ from: location.pathname }} />;
    return (
      <SignInPage
        onSignedIn={(info) => {
          setKnown(info);
          navigate(returnPath(location.state), { replace: true });
        }}
      />
    );
  }
  if (atSignIn) return <Navigate to={returnPath(location.state)} replace />;
  const { user } = session;
  const signOut = async () => {
    await talksApi.signOut().catch(() => undefined);
    setKnown(null);
    navigate('/talks/sign-in');
  };
  const isAdmin = user.role === 'admin';
  return (
    <SessionContext.Provider value={session}>
      <SignedOutContext.Provider value={signedOut}>
        <div className="talks">
          <header className="talks-header">
            <div>
              <h1>Talks</h1>
              <p className="talks-who" data-testid="signed-in-as">
                Signed in as <strong>{user.displayName}</strong> ({describeAccount(user)}), until{' '}
                {when(session.expiresAt)}
              </p>
            </div>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </header>
          {isAdmin ? (
            <>
              <p className="note" role="note">
                An admin manages accounts, API tokens and the audit log, and reads no paper, relay, text or
                round: those belong to the delegations and the coordinator.
              </p>
              <nav className="talks-nav" aria-label="Talks">
                <NavLink to="/talks" end>
                  Accounts
                </NavLink>
                <NavLink to="/talks/audit">Audit log</NavLink>
                <NavLink to="/talks/account">Your account</NavLink>
              </nav>
              <Routes>
                <Route index element={<AdminPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="*" element={<p className="error">No such talks page for an admin.</p>} />
              </Routes>
            </>
          ) : (
            <LiveEventsProvider>
              <nav className="talks-nav" aria-label="Talks">
                <NavLink to="/talks" end>
                  Inbox
                </NavLink>
                <NavLink to="/talks/texts/sanctions-lifting">Sanctions lifting</NavLink>
                <NavLink to="/talks/texts/nuclear-implementation">Nuclear implementation</NavLink>
                <NavLink to="/talks/texts/sequencing">Sequencing</NavLink>
                <NavLink to="/talks/progress">Progress</NavLink>
                <NavLink to="/talks/rounds">Rounds</NavLink>
                {user.role === 'coordinator' && <NavLink to="/talks/audit">Audit log</NavLink>}
                <NavLink to="/talks/account">Your account</NavLink>
              </nav>
              <LiveChanges />
              <Routes>
                <Route index element={<InboxPage />} />
                <Route path="documents/:id" element={<DocumentPage />} />
                <Route path="relays/:id" element={<RelayPage />} />
                <Route path="texts/:group" element={<TextPage />} />
                <Route path="progress" element={<ProgressPage />} />
                <Route path="rounds" element={<RoundsPage />} />
                {user.role === 'coordinator' && <Route path="audit" element={<AuditPage />} />}
                <Route path="account" element={<AccountPage />} />
                <Route path="*" element={<p className="error">No such talks page.</p>} />
              </Routes>
            </LiveEventsProvider>
          )}
        </div>
      </SignedOutContext.Provider>
    </SessionContext.Provider>
  );
}
