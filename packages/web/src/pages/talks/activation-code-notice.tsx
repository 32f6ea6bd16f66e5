import type { ConfirmedAccount } from '@lockstep/contract';
import { when } from './talks-api.ts';

/**
 * A confirmation just made, shown once to the confirmer: the account, and the activation code to hand to the
 * person (by a channel of their own, not by email to an address the admin chose), who sets their own password
 * with it at `/talks/activate`. The server keeps only the code's hash: leave the page and it is gone.
 */
export function ActivationCodeNotice({ confirmed }: { confirmed: ConfirmedAccount }) {
  const { user, activationCode, activationExpiresAt } = confirmed;
  const link = `${window.location.origin}/talks/activate?username=${encodeURIComponent(user.username)}`;
  if (confirmed.activationCodeOnConsole) {
    return (
      <div className="notice" role="status" data-testid="confirmed-account">
        <p>
          Confirmed <strong>{user.displayName}</strong> (<code>{user.username}</code>). Its activation code
          was printed on the server&apos;s console, not sent to this browser: whoever holds the console gives
          it to the coordinator.
        </p>
        <p className="meta">
          They open <a href={link}>{link}</a>, enter the code and choose their own password. It works once
          {activationExpiresAt ? `, until ${when(activationExpiresAt)}` : ''}.
        </p>
      </div>
    );
  }
  if (activationCode === undefined) {
    return (
      <div className="notice" role="status" data-testid="confirmed-account">
        Confirmed <strong>{user.username}</strong>: the account already had a password and is now{' '}
        {user.status}.
      </div>
    );
  }
  return (
    <div className="notice" role="status" data-testid="confirmed-account">
      <p>
        Confirmed <strong>{user.displayName}</strong> (<code>{user.username}</code>). Give them this
        activation code yourself; it is shown only now:
      </p>
      <p className="activation-code" data-testid="activation-code">
        {activationCode}
      </p>
      <p className="meta">
        They open <a href={link}>{link}</a>, enter the code and choose their own password. It works once
        {activationExpiresAt ? `, until ${when(activationExpiresAt)}` : ''}.
      </p>
    </div>
  );
}
