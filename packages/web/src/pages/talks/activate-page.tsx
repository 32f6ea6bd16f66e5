import type { SessionInfo } from '@lockstep/contract';
import { Link, useSearchParams } from 'react-router-dom';
import { NewPasswordFields, newPasswordOf } from './new-password-fields.tsx';
import { talksApi } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

/**
 * "Activate your account" (`/talks/activate?username=…`): the person whose account was confirmed sets their
 * own password with the one-time activation code their confirmer handed them, and is signed in. No one else,
 * the admin included, ever knows the password.
 */
export function ActivatePage({ onActivated }: { onActivated: (session: SessionInfo) => void }) {
  const [search] = useSearchParams();
  const action = useFormAction();
  const activate = action.submit(async (form) => {
    const password = newPasswordOf(form);
    onActivated(
      await talksApi.activate({
        username: String(form.get('username')).trim().toLowerCase(),
        activationCode: String(form.get('activationCode')),
        password,
      }),
    );
  });
  return (
    <div className="talks sign-in">
      <h1>Talks</h1>
      <form className="talks-form" onSubmit={activate} aria-label="Activate your account">
        <h2>Activate your account</h2>
        <p>
          An admin made your account; a second person confirmed it (a head of your delegation, or the
          coordinator) and gave you an activation code. With it you choose your own password: no one else
          learns it. The code works once, for seven days from the confirmation.
        </p>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            defaultValue={search.get('username') ?? ''}
          />
        </label>
        <label>
          Activation code
          <input
            name="activationCode"
            className="code"
            required
            autoComplete="one-time-code"
            spellCheck={false}
            placeholder="ABCDE-FGHJK-LMNPQ"
            aria-invalid={action.field === 'activationCode'}
          />
        </label>
        <NewPasswordFields label="Your new password" invalid={action.field === 'password'} />
        <button type="submit" disabled={action.busy}>
          Set my password and sign in
        </button>
        {action.error && (
          <p className="error" role="alert">
            {action.error}
          </p>
        )}
        <p className="hint">
          The code expired or was lost? Ask the talks administrator to reset your account: whoever confirmed
          it then confirms it again and gives you a new code. Already active?{' '}
          <Link to="/talks/sign-in">Sign in</Link>.
        </p>
      </form>
    </div>
  );
}
