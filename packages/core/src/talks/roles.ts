/** The delegations at the Vienna talks: the United States, Iran, the E3, China, Russia and the European Union. */
export const delegations = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu'] as const;

/** One delegation's id. */
export type Delegation = (typeof delegations)[number];

/**
 * What a user does in the talks:
 * - `coordinator`: the EU coordinator's office, which chairs the Joint Commission, receives every delegation's
 *   papers and alone relays them; it belongs to no delegation (see `coordinatorOffice`);
 * - `head`, `member`: the head or a member of one delegation; both write and read that delegation's papers;
 * - `observer`: sees only what is put before the plenary (relays to it, the negotiating text, progress);
 * - `admin`: manages accounts and tokens; reads no document, no text and no round.
 */
export const roles = ['coordinator', 'head', 'member', 'observer', 'admin'] as const;

/** One role's id. */
export type Role = (typeof roles)[number];

/**
 * The party a coordinator acts for. It is not the `eu` delegation: the EU is also a participant with its own
 * positions and papers, while the coordinator's office holds what every side sent it in confidence. Keeping
 * them apart means an EU delegate never inherits the coordinator's view, and a relay is never an EU position.
 */
export const coordinatorOffice = 'coordinator' as const;

/** Who can hold a channel's end or propose text: a delegation, or the coordinator's office. */
export type Party = Delegation | typeof coordinatorOffice;

/** A signed-in user as the talks see them. `delegation` is set for heads and members, and for nobody else. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly delegation?: Delegation;
}

/** Whether `value` is one of the delegation ids. */
export function isDelegation(value: string): value is Delegation {
  return (delegations as readonly string[]).includes(value);
}

/** Whether `value` is one of the role ids. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The delegation an actor writes and reads for: set only for heads and members of a delegation. */
export function delegationOf(actor: Actor): Delegation | undefined {
  return actor.role === 'head' || actor.role === 'member' ? actor.delegation : undefined;
}
