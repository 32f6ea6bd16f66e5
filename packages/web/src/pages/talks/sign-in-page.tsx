import type { SessionInfo } from '@lockstep/contract';
import { type FormEvent, useState } from 'react';
import { talksApi, useTalks } from './talks-api.ts';

/**
 * Sign-in; on first run (no account yet, and the browser on the server's machine) the form that creates the
 * first admin instead. No default password exists.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const [setup, reloadSetup] = useTalks((signal) => talksApi.setup(signal));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit =
    (work: (form: FormData) => Promise<unknown>) => async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setBusy(true);
      setError(undefined);
      try {
        await work(new FormData(event.currentTarget));
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setBusy(false);
      }
    };

  const signIn = submit(async (form) => {
    onSignedIn(
      await talksApi.signIn({
        username: String(form.get('username')),
        password: String(form.get('password')),
      }),
    );
  });
  const createAdmin = submit(async (form) => {
    const password = String(form.get('password'));
    if (password !== String(form.get('confirm'))) throw new Error('the two passwords differ');
    await talksApi.createAdmin({
      username: String(form.get('username')),
      displayName: String(form.get('displayName')),
      password,
    });
    reloadSetup();
  });

  const firstRun = setup.status === 'ready' && setup.data.needsAdmin;
  return (
    <div className="talks sign-in">
      <h1>Talks</h1>
      {firstRun && setup.data.fromLocalhost ? (
        <form className="talks-form" onSubmit={createAdmin} aria-label="Create the first admin">
          <h2>Create the first admin</h2>
          <p>
            The talks have no account yet, and none is made with a default password. The first admin then
            creates the accounts of the coordinator, the delegations and the observers.
          </p>
          <label>
            Username{' '}
            <input name="username" autoComplete="username" required pattern="[a-z0-9][a-z0-9._\-]{1,39}" />
          </label>
          <label>
            Name shown <input name="displayName" required />
          </label>
          <label>
            Password (12 characters or more){' '}
            <input name="password" type="password" autoComplete="new-password" required minLength={12} />
          </label>
          <label>
            Password again{' '}
            <input name="confirm" type="password" autoComplete="new-password" required minLength={12} />
          </label>
          <button type="submit" disabled={busy}>
            Create the first admin
          </button>
        </form>
      ) : (
        <form className="talks-form" onSubmit={signIn} aria-label="Sign in">
          <h2>Sign in</h2>
          {firstRun && (
            <p className="note" role="note">
              The talks have no account yet: create the first admin from the server&apos;s own machine, or
              with <code>lockstep talks init</code>.
            </p>
          )}
          <label>
            Username <input name="username" autoComplete="username" required />
          </label>
          <label>
            Password <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <p className="hint">
            Trying it out? <code>npm start -- --demo</code> prints the demo accounts and their passwords.
          </p>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
