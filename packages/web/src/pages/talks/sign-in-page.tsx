import type { SessionInfo } from '@lockstep/contract';
import { Link } from 'react-router-dom';
import { FirstAdminForm } from './first-admin-form.tsx';
import { talksApi, useTalks } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

/**
 * Sign-in, with the way to activate an account confirmed for you; on first run (no account yet, and the
 * browser on the server's machine) the form that creates the first admin instead. No default password exists.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const [setup] = useTalks((signal) => talksApi.setup(signal));
  const action = useFormAction();
  const signIn = action.submit(async (form) => {
    onSignedIn(
      await talksApi.signIn({
        username: String(form.get('username')),
        password: String(form.get('password')),
      }),
    );
  });

  const firstRun = setup.status === 'ready' && setup.data.needsAdmin;
  return (
    <div className="talks sign-in">
      <h1>Talks</h1>
      {firstRun && setup.data.fromLocalhost ? (
        <FirstAdminForm onSignedIn={onSignedIn} />
      ) : (
        <form className="talks-form" onSubmit={signIn} aria-label="Sign in">
          <h2>Sign in</h2>
          {firstRun && (
            <p className="note" role="note">
              The talks have no account yet. Create the first admin on the server&apos;s own machine, at{' '}
              <code>http://127.0.0.1:…/talks</code> or <code>http://localhost:…/talks</code>, with the console
              code the server printed, or run <code>lockstep talks init</code> there.
            </p>
          )}
          <label>
            Username <input name="username" autoComplete="username" required />
          </label>
          <label>
            Password <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" disabled={action.busy}>
            Sign in
          </button>
          {action.error && (
            <p className="error" role="alert">
              {action.error}
            </p>
          )}
          <p className="hint">
            New account? Whoever confirmed it gave you an activation code:{' '}
            <Link to="/talks/activate">Activate your account</Link> to set your password.
          </p>
          <p className="hint">
            Trying it out? <code>npm start -- --demo</code> prints the demo accounts and their passwords.
          </p>
        </form>
      )}
    </div>
  );
}
