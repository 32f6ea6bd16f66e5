import { AccountsTable } from './accounts-table.tsx';
import { FirstCoordinatorForm } from './first-coordinator-form.tsx';
import { NewAccountForm } from './new-account-form.tsx';
import { talksApi, useTalks } from './talks-api.ts';
import { useSession } from './use-session.ts';

/**
 * The admin's accounts page: every account with its status and the admin's actions on it, the new-account
 * form, and on the server's machine the confirmation of the first coordinator with the console code. An admin
 * makes accounts but gives no one access to the talks: a second party confirms every account that sees them.
 */
export function AdminPage() {
  const { user } = useSession();
  const [users, reloadUsers] = useTalks((signal) => talksApi.users(signal));
  const [setup, reloadSetup] = useTalks((signal) => talksApi.setup(signal));
  const reload = () => {
    reloadUsers();
    reloadSetup();
  };
  const all = users.status === 'ready' ? users.data.users : [];
  const firstCoordinator = setup.status === 'ready' ? setup.data.firstCoordinator : undefined;
  const coordinatorWaits =
    !all.some((u) => u.role === 'coordinator' && u.confirmedAt !== undefined && u.status !== 'disabled') &&
    all.some((u) => u.role === 'coordinator' && u.status === 'pending');
  return (
    <section className="admin" aria-label="Accounts">
      <h2>Accounts</h2>
      <p className="meta">
        You make the accounts; you give none of them access to the talks. An account for a coordinator, head,
        member or observer has no password and waits, pending, until a second party confirms it: a head of its
        delegation; the coordinator for observers, other coordinators and a delegation&apos;s first head; and
        for the first coordinator, whoever holds the console code on the server&apos;s machine. The confirmer
        hands the person an activation code, with which they set their own password.
      </p>
      <FirstCoordinatorForm coordinator={firstCoordinator} onConfirmed={reload} />
      {coordinatorWaits && setup.status === 'ready' && !setup.data.fromLocalhost && (
        <p className="note" role="note">
          A first coordinator waits for confirmation with the console code, which works only on the
          server&apos;s machine: open this page there at <code>http://127.0.0.1:…/talks</code> with the code
          the server printed, or run <code>lockstep talks users confirm USERNAME</code> there.
        </p>
      )}
      {users.status === 'ready' ? (
        <AccountsTable users={all} me={user.id} onChanged={reload} />
      ) : (
        <p className={users.status === 'error' ? 'error' : 'loading'}>
          {users.status === 'error' ? users.message : 'Loading…'}
        </p>
      )}
      <NewAccountForm users={all} onCreated={reload} />
    </section>
  );
}
