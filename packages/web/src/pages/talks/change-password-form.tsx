import { talksPasswordLength } from '@lockstep/contract';
import { useState } from 'react';
import { NewPasswordFields, newPasswordOf } from './new-password-fields.tsx';
import { endedInWords } from './sessions-ended.ts';
import { talksApi } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

/**
 * "Change password", given the current one. The server ends the user's other web sessions and every API token
 * of theirs (whoever learnt the old password may have made them); this browser stays signed in. `onChanged`
 * lets the page reload what that ended (the token list).
 */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const action = useFormAction();
  const [done, setDone] = useState<string>();
  const change = action.submit(async (form, element) => {
    setDone(undefined);
    const ended = await talksApi.changePassword({
      currentPassword: String(form.get('currentPassword')),
      newPassword: newPasswordOf(form, 'newPassword'),
    });
    setDone(
      `Password changed. ${endedInWords(ended, true)} This browser stays signed in; sign in elsewhere with the new password, and make new API tokens where you need them.`,
    );
    element.reset();
    onChanged();
  });
  return (
    <form className="talks-form" onSubmit={change} aria-label="Change password">
      <h2>Change password</h2>
      <label>
        Current password
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          maxLength={talksPasswordLength.max}
          aria-invalid={action.field === 'currentPassword'}
        />
      </label>
      <NewPasswordFields name="newPassword" label="New password" invalid={action.field === 'newPassword'} />
      <p className="hint">Your other sessions and every API token of yours end when you change it.</p>
      <button type="submit" disabled={action.busy}>
        Change password
      </button>
      {done && (
        <p className="note" role="status" data-testid="password-changed">
          {done}
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
