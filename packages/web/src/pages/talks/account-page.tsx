import { useState } from 'react';
import { ChangePasswordForm } from './change-password-form.tsx';
import { describeAccount } from './describe-account.ts';
import { PendingAccountsPanel } from './pending-accounts-panel.tsx';
import { talksApi, useTalks, when } from './talks-api.ts';
import { TokensPanel } from './tokens-panel.tsx';
import { useSession } from './use-session.ts';

/**
 * The signed-in user's own account: the accounts waiting for their confirmation (heads and the coordinator),
 * their password, and their API tokens (for an admin, everyone's tokens, to revoke).
 */
export function AccountPage() {
  const { user, expiresAt, via } = useSession();
  const [changes, setChanges] = useState(0);
  const confirms = user.role === 'head' || user.role === 'coordinator';
  return (
    <div className="account">
      <h2>Your account</h2>
      <p className="meta" data-testid="account-summary">
        <code>{user.username}</code>, {describeAccount(user)}; {user.status}
        {user.confirmedAt ? `, confirmed ${when(user.confirmedAt)}` : ''}. Signed in (
        {via === 'session' ? 'web session' : 'API token'}) until {when(expiresAt)}.
      </p>
      {confirms && <PendingAccountsPanel />}
      <ChangePasswordForm onChanged={() => setChanges((n) => n + 1)} />
      {user.role === 'admin' ? <AdminTokens reloadKey={changes} /> : <TokensPanel reloadKey={changes} />}
    </div>
  );
}

/** The admin's tokens panel: everyone's tokens, named by their owners' usernames. */
function AdminTokens({ reloadKey }: { reloadKey: number }) {
  const [users] = useTalks((signal) => talksApi.users(signal));
  return <TokensPanel users={users.status === 'ready' ? users.data.users : []} reloadKey={reloadKey} />;
}
