import type { ConfirmedAccount } from '@lockstep/contract';
import { useState } from 'react';
import { ActivationCodeNotice } from './activation-code-notice.tsx';
import { describeAccount } from './describe-account.ts';
import { failureMessage, talksApi, useTalks, when } from './talks-api.ts';
import { useSession } from './use-session.ts';

/**
 * "Accounts to confirm", for heads and the coordinator: the accounts an admin made that wait for the user's
 * confirmation (a head: its delegation's; the coordinator: observers, coordinators and a delegation's first
 * head). Confirming one gives the user, once, the activation code to hand to the person. Accounts confirmed
 * but not yet activated are listed apart: a new code replaces one that was lost or has expired.
 */
export function PendingAccountsPanel() {
  const { user } = useSession();
  const [pending, reload] = useTalks((signal) => talksApi.pendingUsers(signal));
  const [confirmed, setConfirmed] = useState<ConfirmedAccount[]>([]);
  const [error, setError] = useState<string>();
  const confirm = async (id: string) => {
    setError(undefined);
    try {
      const made = await talksApi.confirmUser(id);
      setConfirmed((before) => [made, ...before]);
    } catch (failure) {
      setError(failureMessage(failure));
    }
    reload();
  };
  const users = pending.status === 'ready' ? pending.data.users : [];
  const waiting = users.filter((u) => u.status === 'pending');
  const toActivate = users.filter((u) => u.status === 'activation');
  const whose =
    user.role === 'coordinator'
      ? "observers, other coordinators, and a delegation's first head (after that, its heads confirm its accounts)"
      : 'accounts of your delegation';
  return (
    <section aria-label="Accounts to confirm">
      <h2>Accounts to confirm</h2>
      <p className="meta">
        An admin makes accounts but cannot give them access: you confirm {whose}. Confirm only someone you
        know to be that person; you are then given their activation code, once, to hand to them.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {confirmed.map((c) => (
        <ActivationCodeNotice key={c.user.id} confirmed={c} />
      ))}
      {waiting.length > 0 ? (
        <table className="talks-table text" data-testid="pending-accounts">
          <thead>
            <tr>
              <th>Username</th>
              <th>Name</th>
              <th>Account</th>
              <th>Made</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {waiting.map((u) => (
              <tr key={u.id}>
                <td>
                  <code>{u.username}</code>
                </td>
                <td>{u.displayName}</td>
                <td>{describeAccount(u)}</td>
                <td>{when(u.createdAt)}</td>
                <td>
                  <button type="button" onClick={() => confirm(u.id)}>
                    Confirm {u.username}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">
          {pending.status === 'error'
            ? pending.message
            : pending.status === 'loading'
              ? 'Loading…'
              : 'No account waits for your confirmation.'}
        </p>
      )}
      {toActivate.length > 0 && (
        <>
          <h3>Confirmed, not yet activated</h3>
          <p className="meta">
            These people have not set their password yet. If their code was lost or has expired, give them a
            new one: the old one stops working.
          </p>
          <table className="talks-table text" data-testid="accounts-to-activate">
            <thead>
              <tr>
                <th>Username</th>
                <th>Name</th>
                <th>Account</th>
                <th>Code works until</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {toActivate.map((u) => (
                <tr key={u.id}>
                  <td>
                    <code>{u.username}</code>
                  </td>
                  <td>{u.displayName}</td>
                  <td>{describeAccount(u)}</td>
                  <td>{u.activationExpiresAt ? when(u.activationExpiresAt) : ''}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => confirm(u.id)}>
                      New code for {u.username}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
