import type { TalksUser } from '@lockstep/contract';
import { delegationNames } from './talks-api.ts';

/** An account's place in the talks in words: "head of the Iran delegation", "coordinator". */
export function describeAccount(user: Pick<TalksUser, 'role' | 'delegation'>): string {
  if (user.delegation)
    return `${user.role} of the ${delegationNames[user.delegation] ?? user.delegation} delegation`;
  return user.role;
}
