import type { TalksUser } from '@lockstep/contract';
import { Fragment, useState } from 'react';
import { confirmerInWords, confirmerOf } from './account-confirmer.ts';
import { AccountStatus } from './account-status.tsx';
import { describeAccount } from './describe-account.ts';
import { NewPasswordFields, newPasswordOf } from './new-password-fields.tsx';
import { endedInWords } from './sessions-ended.ts';
import { talksApi, when } from './talks-api.ts';
import { useFormAction } from './use-form-action.ts';

/** An admin action on an account that asks to be confirmed first, because it ends someone's access. */
type Drastic = 'disable' | 'end-sessions' | 'reset';

/**
 * Every account with its status, and the admin's actions on each: disable (its sessions and tokens end) or
 * enable, end its sessions and tokens, and reset (a participant goes back to pending, with no password; an
 * admin account gets a new password). Each action that ends access says what it will do and waits for a second
 * click, then says what it ended. `onChanged` reloads the list.
 */
export function AccountsTable({
  users,
  me,
  onChanged,
}: {
  users: readonly TalksUser[];
  me: string;
  onChanged: () => void;
}) {
  const [asked, setAsked] = useState<{ id: string; action: Drastic }>();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean }>();
  const ask = (id: string, action: Drastic) => {
    setOutcome(undefined);
    setAsked({ id, action });
  };
  const enable = async (u: TalksUser) => {
    setOutcome(undefined);
    setAsked(undefined);
    try {
      const enabled = await talksApi.enableUser(u.id);
      const now = enabled.status === 'active' ? 'they can sign in again' : `back to ${enabled.status}`;
      setOutcome({ text: `Enabled ${u.username}: ${now}.`, failed: false });
    } catch (failure) {
      setOutcome({ text: (failure as Error).message, failed: true });
    }
    onChanged();
  };
  return (
    <>
      {outcome && (
        <p
          className={outcome.failed ? 'error' : 'note'}
          role={outcome.failed ? 'alert' : 'status'}
          data-testid="account-outcome"
        >
          {outcome.text}
        </p>
      )}
      <table className="talks-table text accounts" data-testid="users">
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <Fragment key={u.id}>
              <tr data-testid={`account-${u.username}`}>
                <td>
                  <code>{u.username}</code>
                </td>
                <td>{u.displayName}</td>
                <td>{describeAccount(u)}</td>
                <td>
                  <AccountStatus user={u} users={users} />
                </td>
                <td className="nowrap" title={when(u.createdAt)}>
                  {u.createdAt.slice(0, 10)}
                </td>
                <td className="account-actions">
                  {u.id === me ? (
                    <span className="meta">you: your password is under Your account</span>
                  ) : u.status === 'disabled' ? (
                    <button type="button" className="secondary" onClick={() => enable(u)}>
                      Enable
                    </button>
                  ) : (
                    <>
                      <button type="button" className="secondary" onClick={() => ask(u.id, 'disable')}>
                        Disable
                      </button>
                      {u.status === 'active' && (
                        <button type="button" className="secondary" onClick={() => ask(u.id, 'end-sessions')}>
                          End sessions
                        </button>
                      )}
                      {u.status !== 'pending' && (
                        <button type="button" className="secondary" onClick={() => ask(u.id, 'reset')}>
                          {u.role === 'admin' ? 'Set password' : 'Reset'}
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
              {asked?.id === u.id && (
                <tr className="account-ask">
                  <td colSpan={6}>
                    <AskForm
                      ask={askFor(u, users, asked.action)}
                      onDone={(done) => {
                        setOutcome({ text: done, failed: false });
                        setAsked(undefined);
                        onChanged();
                      }}
                      onCancel={() => setAsked(undefined)}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** What a drastic action will do, in words, the button that does it, and the work that does it. */
interface Ask {
  readonly label: string;
  readonly explanation: string;
  /** An admin account's reset: the new password is typed here. */
  readonly newPassword: boolean;
  readonly work: (form: FormData) => Promise<string>;
}

function askFor(user: TalksUser, users: readonly TalksUser[], action: Drastic): Ask {
  const name = user.username;
  switch (action) {
    case 'disable':
      return {
        label: `Disable ${name}`,
        explanation: `Disabling ${name} ends their web sessions and API tokens at once; they cannot sign in until an admin enables the account again. Nothing they wrote is removed.`,
        newPassword: false,
        work: async () => `Disabled ${name}. ${endedInWords(await talksApi.disableUser(user.id))}`,
      };
    case 'end-sessions':
      return {
        label: `End ${name}’s sessions`,
        explanation: `Every web session and API token of ${name} ends now: they must sign in again, and make new tokens. Their password stays as it is.`,
        newPassword: false,
        work: async () => `Ended ${name}’s sessions. ${endedInWords(await talksApi.endSessions(user.id))}`,
      };
    case 'reset': {
      if (user.role === 'admin') {
        return {
          label: `Set ${name}’s password`,
          explanation: `The admin account ${name} gets the password you type; its web sessions and API tokens end.`,
          newPassword: true,
          work: async (form) => {
            const ended = await talksApi.resetPassword(user.id, { password: newPasswordOf(form) });
            return `Set a new password for ${name}. ${endedInWords(ended)}`;
          },
        };
      }
      const confirmer = confirmerOf(user, users);
      return {
        label: `Reset ${name}`,
        explanation: `Resetting ${name} removes their password and ends their sessions and tokens; the account goes back to pending, with no access, until ${confirmer.who} confirms it again${confirmer.why ? ` (${confirmer.why})` : ''} and hands them a new activation code. You never set or see their password.`,
        newPassword: false,
        work: async () => {
          const ended = await talksApi.resetPassword(user.id, {});
          return `Reset ${name}: now ${ended.user.status}, waiting for ${confirmerInWords(confirmerOf(ended.user, users))}. ${endedInWords(ended)}`;
        },
      };
    }
  }
}

/** The second click of a drastic action: what it will do, in words, and the button that does it. */
function AskForm({
  ask,
  onDone,
  onCancel,
}: {
  ask: Ask;
  onDone: (outcome: string) => void;
  onCancel: () => void;
}) {
  const action = useFormAction();
  const submit = action.submit(async (form) => onDone(await ask.work(form)));
  return (
    <form className="talks-form inline ask" onSubmit={submit} aria-label={ask.label}>
      <p>{ask.explanation}</p>
      {ask.newPassword && <NewPasswordFields invalid={action.field === 'password'} />}
      <p className="ask-buttons">
        <button type="submit" className="danger" disabled={action.busy}>
          {ask.label}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
