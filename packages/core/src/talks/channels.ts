import {
  type Actor,
  coordinatorOffice,
  type Delegation,
  delegationOf,
  delegations,
  type Party,
} from './roles.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';

/** A bilateral channel between the coordinator's office and one delegation. */
export type BilateralChannel = `coordinator<->${Delegation}`;

/** A channel of the talks: one bilateral channel per delegation, and the plenary of the JCPOA participants. */
export type ChannelId = BilateralChannel | 'plenary';

/**
 * The delegations in the plenary (the Joint Commission of the JCPOA participants), chaired by the coordinator.
 * The United States is not among them: it left the deal in 2018 and in 2021 attended only indirectly, in a
 * separate hotel, briefed by the coordinator. What the plenary sees reaches the US only by a relay to it.
 */
export const plenaryMembers: readonly Delegation[] = [
  'iran',
  'china',
  'france',
  'germany',
  'russia',
  'uk',
  'eu',
];

/** The bilateral channel between the coordinator's office and `delegation`. */
export function bilateralChannel(delegation: Delegation): BilateralChannel {
  return `coordinator<->${delegation}`;
}

/** Every channel that exists: the eight bilateral channels, then the plenary. */
export const channels: readonly ChannelId[] = [...delegations.map(bilateralChannel), 'plenary'];

/** The delegations at the far end of a channel from the coordinator (who is party to every channel). */
export function channelDelegations(channel: ChannelId): readonly Delegation[] {
  // The cast is safe: a BilateralChannel's tail is a Delegation by its type.
  return channel === 'plenary' ? plenaryMembers : [channel.slice('coordinator<->'.length) as Delegation];
}

/**
 * The channel two parties talk on. The coordinator and a delegation share their bilateral channel; two
 * delegations share none: they talk through the coordinator or in plenary, and the US and Iran least of all.
 */
export function channelBetween(a: Party, b: Party): TalksResult<ChannelId> {
  if (a === b)
    return talksFailure('no-direct-channel', 'parties', `"${a}" cannot open a channel with itself`);
  if (a === coordinatorOffice) return talksSuccess(bilateralChannel(b as Delegation));
  if (b === coordinatorOffice) return talksSuccess(bilateralChannel(a));
  if ((a === 'us' && b === 'iran') || (a === 'iran' && b === 'us')) {
    return talksFailure(
      'no-us-iran-channel',
      'parties',
      'there is no channel between "us" and "iran": the US and Iranian delegations do not meet, ' +
        'their views pass only through the coordinator',
    );
  }
  return talksFailure(
    'no-direct-channel',
    'parties',
    `there is no channel between "${a}" and "${b}": delegations talk through the coordinator or in plenary`,
  );
}

/** Whether a string names an existing channel. */
export function isChannel(value: string): value is ChannelId {
  return (channels as readonly string[]).includes(value);
}

/** The channels an actor takes part in: all for the coordinator, its own bilateral (and the plenary) for a delegation, the plenary for an observer, none for an admin. */
export function channelsOf(actor: Actor): readonly ChannelId[] {
  if (actor.role === 'coordinator') return channels;
  if (actor.role === 'observer') return ['plenary'];
  const delegation = delegationOf(actor);
  if (delegation === undefined) return [];
  const own = bilateralChannel(delegation);
  return plenaryMembers.includes(delegation) ? [own, 'plenary'] : [own];
}
