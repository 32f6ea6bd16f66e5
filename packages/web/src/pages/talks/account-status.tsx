import type { TalksUser } from '@lockstep/contract';
import { confirmerInWords, confirmerOf } from './account-confirmer.ts';
import { when } from './talks-api.ts';

/** Who confirmed an account, in words: a username, the console code, or the administrator on the store. */
function confirmedByName(by: string | undefined, users: readonly TalksUser[]): string {
  if (by === undefined) return 'unknown';
  if (by === 'console-code') return 'the console code';
  if (by === 'cli:local-admin') return 'the server’s administrator (lockstep talks)';
  return users.find((u) => u.id === by)?.username ?? by;
}

/**
 * An account's status for the admin: active, pending (and who must confirm it), activation (until when its
 * code works), or disabled (since when), with who confirmed it.
 */
export function AccountStatus({ user, users }: { user: TalksUser; users: readonly TalksUser[] }) {
  const confirmed = user.confirmedAt
    ? `confirmed by ${confirmedByName(user.confirmedBy, users)}, ${when(user.confirmedAt)}`
    : undefined;
  const expired =
    user.activationExpiresAt !== undefined && Date.parse(user.activationExpiresAt) <= Date.now();
  let detail: string;
  switch (user.status) {
    case 'active':
      detail = confirmed ?? '';
      break;
    case 'pending':
      detail = `no access; waits for ${confirmerInWords(confirmerOf(user, users))}`;
      break;
    case 'activation':
      detail = expired
        ? `${confirmed}; the activation code expired ${when(user.activationExpiresAt!)}: reset the account for a new confirmation`
        : `${confirmed}; waits for the person to set a password with the activation code${user.activationExpiresAt ? ` (works until ${when(user.activationExpiresAt)})` : ''}`;
      break;
    case 'disabled':
      detail = `since ${user.disabledAt ? when(user.disabledAt) : 'unknown'}; no sign-in, no token works`;
      break;
  }
  return (
    <>
      <span className={`badge account-${user.status}`}>{user.status}</span>
      {detail && <span className="meta account-detail">{detail}</span>}
    </>
  );
}
