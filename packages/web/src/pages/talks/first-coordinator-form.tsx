import type { ConfirmedAccount, SetupState } from '@lockstep/contract';
import { useState } from 'react';
import { ActivationCodeNotice } from './activation-code-notice.tsx';
import { talksApi } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

type FirstCoordinator = NonNullable<SetupState['firstCoordinator']>;

/**
 * Confirms the first coordinator with the console code (offered only on the server's machine, while no
 * coordinator is confirmed): the coordinator's office has no one yet to confirm it, and an admin must not.
 * Shows the activation code, once, for the person. `onConfirmed` reloads the accounts.
 */
export function FirstCoordinatorForm({
  coordinator,
  onConfirmed,
}: {
  coordinator: FirstCoordinator | undefined;
  onConfirmed: () => void;
}) {
  const [confirmed, setConfirmed] = useState<ConfirmedAccount>();
  const action = useFormAction();
  const confirm = action.submit(async (form) => {
    if (!coordinator) return;
    setConfirmed(
      await talksApi.confirmFirstCoordinator({
        userId: coordinator.id,
        setupCode: String(form.get('setupCode')),
      }),
    );
    onConfirmed();
  });
  if (confirmed) return <ActivationCodeNotice confirmed={confirmed} />;
  if (!coordinator) return null;
  return (
    <form className="talks-form" onSubmit={confirm} aria-label="Confirm the first coordinator">
      <h3>Confirm the first coordinator</h3>
      <p>
        <strong>{coordinator.displayName}</strong> (<code>{coordinator.username}</code>) waits for
        confirmation, and no coordinator exists yet to give it. Whoever holds the server&apos;s console
        confirms it: when the account was made, the server printed a new one-time console code (“Console code
        to confirm the first coordinator … at …/talks: <code>ABCDE-FGHJK</code>”). The coordinator&apos;s
        activation code is then printed on the console too, never shown here: whoever holds the console hands
        it to them; after that, the coordinator confirms the others.
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
        />
      </label>
      <button type="submit" disabled={action.busy}>
        Confirm {coordinator.username}
      </button>
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
