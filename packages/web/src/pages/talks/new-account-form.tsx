import { TalksDelegation, TalksRole, type TalksUser } from '@lockstep/contract';
import { useState } from 'react';
import { confirmerOf } from './account-confirmer.ts';
import { NewPasswordFields, newPasswordOf } from './new-password-fields.tsx';
import { delegationNames, talksApi } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

type Role = TalksUser['role'];
type Delegation = NonNullable<TalksUser['delegation']>;

const needsDelegation = (role: Role) => role === 'head' || role === 'member';

/**
 * The admin's "New account" form. Only an admin account gets a password here; any other waits, with no access,
 * for its confirmer (named for the role and delegation chosen, from the accounts as they are), who is given an
 * activation code for the person to set their own password with. `onCreated` reloads the accounts and the
 * first-run state (a first coordinator makes the server print a new console code).
 */
export function NewAccountForm({ users, onCreated }: { users: readonly TalksUser[]; onCreated: () => void }) {
  const [role, setRole] = useState<Role>('head');
  const [delegation, setDelegation] = useState<Delegation>('us');
  const [created, setCreated] = useState<string>();
  const action = useFormAction();
  const account = { id: '', role, ...(needsDelegation(role) ? { delegation } : {}) };
  const confirmer = confirmerOf(account, users);
  const create = action.submit(async (form, element) => {
    setCreated(undefined);
    const made = await talksApi.createUser({
      username: String(form.get('username')).trim().toLowerCase(),
      displayName: String(form.get('displayName')),
      ...account,
      ...(role === 'admin' ? { password: newPasswordOf(form) } : {}),
    });
    const waits = confirmerOf(made, users);
    setCreated(
      made.status === 'pending'
        ? `Created ${made.username}: pending, with no access until ${waits.who} confirms it${waits.why ? ` (${waits.why})` : ''}.`
        : `Created ${made.username}: ${made.status}.`,
    );
    element.reset();
    onCreated();
  });
  return (
    <form className="talks-form" onSubmit={create} aria-label="New account">
      <h3>New account</h3>
      <label>
        Username
        <input
          name="username"
          required
          pattern="[a-z0-9][a-z0-9._\-]{1,39}"
          title="2 to 40 lowercase letters, digits, “.”, “_” or “-”, starting with a letter or digit"
          aria-invalid={action.field === 'username'}
        />
      </label>
      <label>
        Name shown <input name="displayName" required maxLength={120} />
      </label>
      <label>
        Role
        <select name="role" value={role} onChange={(e) => setRole(TalksRole.parse(e.target.value))}>
          {TalksRole.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      {needsDelegation(role) && (
        <label>
          Delegation
          <select
            name="delegation"
            value={delegation}
            onChange={(e) => setDelegation(TalksDelegation.parse(e.target.value))}
          >
            {TalksDelegation.options.map((d) => (
              <option key={d} value={d}>
                {delegationNames[d]}
              </option>
            ))}
          </select>
        </label>
      )}
      {role === 'admin' ? (
        <>
          <p className="hint">
            An admin account gets the password you set now, and sees accounts, tokens and the audit log, never
            the talks.
          </p>
          <NewPasswordFields invalid={action.field === 'password'} />
        </>
      ) : (
        <p className="hint" data-testid="who-confirms">
          No password: you never choose or learn the password of an account that sees the talks. It waits,
          with no access, until <strong>{confirmer.who}</strong> confirms it
          {confirmer.why ? ` (${confirmer.why})` : ''}; the confirmer is given a one-time activation code to
          hand to the person, who sets their own password at <code>/talks/activate</code>.
        </p>
      )}
      <button type="submit" disabled={action.busy}>
        Create the account
      </button>
      {created && (
        <p className="note" role="status" data-testid="account-created">
          {created}
        </p>
      )}
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
