import type { SessionsEnded } from '@lockstep/contract';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What ending an account's sessions ended, as a sentence: "2 web sessions and 1 API token ended.", or that none
 * was open. `other`: the sessions are the user's others (this browser's stays), as after a password change.
 */
export function endedInWords(ended: SessionsEnded, other = false): string {
  const session = other ? 'other web session' : 'web session';
  if (ended.sessionsEnded === 0 && ended.tokensEnded === 0) {
    return `No ${session} or API token was open, so none ended.`;
  }
  return `${count(ended.sessionsEnded, session)} and ${count(ended.tokensEnded, 'API token')} ended.`;
}
