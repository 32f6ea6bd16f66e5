import type { SessionInfo } from '@lockstep/contract';
import { NewPasswordFields, newPasswordOf } from './new-password-fields.tsx';
import { talksApi } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

/**
 * The first-run form (no account yet, the browser on the server's machine): the first admin, made with the
 * one-time console code the server printed, then signed in. No account has a default password.
 */
export function FirstAdminForm({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const action = useFormAction();
  const create = action.submit(async (form) => {
    const username = String(form.get('username'));
    const password = newPasswordOf(form);
    await talksApi.createAdmin({
      username,
      displayName: String(form.get('displayName')),
      password,
      setupCode: String(form.get('setupCode')),
    });
    onSignedIn(await talksApi.signIn({ username, password }));
  });
  return (
    <form className="talks-form" onSubmit={create} aria-label="Create the first admin">
      <h2>Create the first admin</h2>
      <p>
        The talks have no account yet, and none is made with a default password. The first admin creates the
        accounts of the coordinator, the delegations and the observers, and reads none of the talks.
      </p>
      <label>
        Console code
        <input
          name="setupCode"
          className="code"
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="ABCDE-FGHJK"
          aria-invalid={action.field === 'setupCode'}
          aria-describedby="setup-code-where"
        />
      </label>
      <p className="hint" id="setup-code-where">
        The server printed it once, when it started, in the terminal where <code>npm start</code> or{' '}
        <code>lockstep serve</code> runs: “…create the first admin at …/talks on this machine with the
        one-time console code <code>ABCDE-FGHJK</code>”. Restarting the server prints a new one.
      </p>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          pattern="[a-z0-9][a-z0-9._\-]{1,39}"
          aria-invalid={action.field === 'username'}
        />
      </label>
      <label>
        Name shown <input name="displayName" required maxLength={120} />
      </label>
      <NewPasswordFields invalid={action.field === 'password'} />
      <button type="submit" disabled={action.busy}>
        Create the first admin
      </button>
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
