import { type FormEvent, useState } from 'react';
import { delegationNames, talksApi, useTalks, when } from './talks-api.ts';

const roles = ['coordinator', 'head', 'member', 'observer', 'admin'] as const;
const delegations = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu'] as const;

/**
 * The admin's accounts page (the audit log and the admin's own account and every API token have their own
 * pages). An admin reads no paper, text or round.
 */
export function AdminPage() {
  const [users, reloadUsers] = useTalks((signal) => talksApi.users(signal));
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();
  const [role, setRole] = useState<string>('head');
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    setCreated(undefined);
    try {
      const delegation = String(form.get('delegation') ?? '');
      const user = await talksApi.createUser({
        username: String(form.get('username')),
        displayName: String(form.get('displayName')),
        role,
        ...(role === 'head' || role === 'member' ? { delegation } : {}),
        password: String(form.get('password')),
      });
      setCreated(`Created ${user.username}.`);
      event.currentTarget?.reset();
    } catch (failure) {
      setError((failure as Error).message);
    }
    reloadUsers();
  };
  return (
    <div className="admin">
      <section aria-label="Accounts">
        <h2>Accounts</h2>
        {users.status === 'ready' ? (
          <table className="talks-table text" data-testid="users">
            <thead>
              <tr>
                <th>Username</th>
                <th>Name</th>
                <th>Role</th>
                <th>Delegation</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{u.role}</td>
                  <td>{u.delegation ? delegationNames[u.delegation] : ''}</td>
                  <td>{when(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="loading">{users.status === 'error' ? users.message : 'Loading…'}</p>
        )}
        <form className="talks-form" onSubmit={create} aria-label="New account">
          <h3>New account</h3>
          <label>
            Username <input name="username" required pattern="[a-z0-9][a-z0-9._\-]{1,39}" />
          </label>
          <label>
            Name shown <input name="displayName" required />
          </label>
          <label>
            Role{' '}
            <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          {(role === 'head' || role === 'member') && (
            <label>
              Delegation{' '}
              <select name="delegation">
                {delegations.map((d) => (
                  <option key={d} value={d}>
                    {delegationNames[d]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Password (12 characters or more) <input name="password" type="password" required minLength={12} />
          </label>
          <button type="submit">Create the account</button>
          {created && <p className="note">{created}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
