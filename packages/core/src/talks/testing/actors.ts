import { type Actor, type Delegation, delegations } from '../roles.ts';

/** The head of `delegation`'s delegation. */
export function headOf(delegation: Delegation): Actor {
  return { userId: `${delegation}-head`, role: 'head', delegation };
}

/** A member of `delegation`'s delegation. */
export function memberOf(delegation: Delegation): Actor {
  return { userId: `${delegation}-member`, role: 'member', delegation };
}

export const coordinator: Actor = { userId: 'mora', role: 'coordinator' };
export const observer: Actor = { userId: 'analyst', role: 'observer' };
export const admin: Actor = { userId: 'root', role: 'admin' };

/** One actor of every kind: a head and a member per delegation, the coordinator, an observer and an admin. */
export const everyActor: readonly Actor[] = [
  ...delegations.flatMap((d) => [headOf(d), memberOf(d)]),
  coordinator,
  observer,
  admin,
];

/** The value of a result, or a failed test naming the rule broken. */
export function unwrap<T>(
  result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error },
): T {
  if (!result.ok) throw result.error;
  return result.value;
}
