import type { TalksUser } from '@lockstep/contract';
import { delegationNames } from './talks-api.ts';

/** Who confirms an account, and why it is them when that depends on the other accounts. */
export interface Confirmer {
  readonly who: string;
  readonly why?: string;
}

/** Whether an account stands as a confirmer: active (confirmed, its password set, not disabled). */
const stands = (user: TalksUser) => user.status === 'active';

/**
 * Who confirms an account of this role and delegation that waits (as the policy's `user.confirm` rule says),
 * given the accounts as they are: a head of its delegation; the coordinator for observers and a delegation's
 * first head; another coordinator for a coordinator, and the console code on the server's machine for the first.
 */
export function confirmerOf(
  account: Pick<TalksUser, 'id' | 'role' | 'delegation'>,
  users: readonly TalksUser[],
): Confirmer {
  const others = users.filter((u) => u.id !== account.id && stands(u));
  const hasCoordinator = others.some((u) => u.role === 'coordinator');
  const noCoordinator = hasCoordinator ? [] : ['no coordinator is active yet'];
  switch (account.role) {
    case 'admin':
      return { who: 'no one', why: 'an admin account needs no confirmation' };
    case 'observer':
      return { who: 'the coordinator', ...because(noCoordinator) };
    case 'coordinator':
      return hasCoordinator
        ? { who: 'another coordinator' }
        : { who: 'whoever holds the console code on the server’s machine', why: 'the first coordinator' };
    case 'head':
    case 'member': {
      const delegation = delegationNames[account.delegation ?? ''] ?? account.delegation;
      if (others.some((u) => u.role === 'head' && u.delegation === account.delegation)) {
        return { who: `a head of the ${delegation} delegation` };
      }
      return {
        who: 'the coordinator',
        ...because([`the ${delegation} delegation has no active head`, ...noCoordinator]),
      };
    }
  }
}

const because = (reasons: readonly string[]) => (reasons.length > 0 ? { why: reasons.join('; ') } : {});

/** "the coordinator (the Iran delegation has no active head)". */
export function confirmerInWords(confirmer: Confirmer): string {
  return confirmer.why ? `${confirmer.who} (${confirmer.why})` : confirmer.who;
}
