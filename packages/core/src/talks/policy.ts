import { relayReaches, visibleDocument } from './document-visibility.ts';
import { type DocumentState, findDocument, type Relay } from './documents.ts';
import { deskOf, type Note, type NoteDesk } from './notes.ts';
import { type Actor, type Delegation, delegationOf, isDelegation, isRole, type Role } from './roles.ts';

/** Every action the server exposes on the talks and on accounts; each has exactly one rule in `policyTable`. */
export const talksActions = [
  'channel.list',
  'document.create',
  'document.list',
  'document.read',
  'document.version',
  'document.send',
  'document.relay',
  'relay.read',
  'text.read',
  'text.add-clause',
  'text.propose',
  'text.withdraw',
  'text.set-status',
  'round.open',
  'round.close',
  'round.read',
  'progress.read',
  'audit.read',
  'audit.verify',
  'audit.checkpoint',
  'user.create',
  'user.list',
  'user.pending',
  'user.confirm',
  'user.disable',
  'user.enable',
  'user.end-sessions',
  'user.reset-password',
  'password.change',
  'token.create',
  'token.list',
  'token.revoke',
  'session.read',
  'session.end',
  'talks.export',
  'note.list',
  'note.read',
  'note.write',
  'talks.events',
] as const;

/** One action id. */
export type TalksAction = (typeof talksActions)[number];

/**
 * What an action is done to, as far as the policy needs to know:
 * - `document`: its author and whether the actor may know it exists (build it with `documentResource`);
 * - `relay`: whether it reached the actor (build it with `relayResource`); it names no paper or author;
 * - `token`: whose token it is (`ownerUserId`); a token action with no resource is on the actor's own;
 * - `account`: an account another user acts on (to confirm it): its role and delegation, and whether that
 *   delegation already has an active head (confirmed, activated, enabled: who then confirms its accounts);
 * - `note`: a private note: its desk, and whether the actor is of it (build it with `noteResource`);
 * - `none`: a collection or the talks as a whole (texts, rounds, progress, the log, accounts).
 */
export type PolicyResource =
  | { readonly kind: 'none' }
  | { readonly kind: 'document'; readonly author: Delegation; readonly visible: boolean }
  | { readonly kind: 'relay'; readonly visible: boolean }
  | { readonly kind: 'token'; readonly ownerUserId: string }
  | { readonly kind: 'note'; readonly desk: NoteDesk; readonly ofActorDesk: boolean }
  | {
      readonly kind: 'account';
      readonly userId: string;
      readonly role: Role;
      readonly delegation?: Delegation;
      readonly delegationHasHead: boolean;
    };

/**
 * The answer to "may this actor do this?". `404` when the actor may not even know the resource exists
 * (another delegation's unrelayed paper), so that a refusal reveals nothing; `403` otherwise.
 */
export type PolicyDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly status: 403 | 404; readonly reason: string };

/** One action's rule. */
export type PolicyRule = (actor: Actor, resource: PolicyResource) => PolicyDecision;

const allow: PolicyDecision = { allowed: true };

function forbid(reason: string): PolicyDecision {
  return { allowed: false, status: 403, reason };
}

const notFound: PolicyDecision = { allowed: false, status: 404, reason: 'no such document' };

/** Allows the listed roles, refuses the others with 403. */
function rolesMay(action: TalksAction, ...allowed: readonly Role[]): PolicyRule {
  return (actor) =>
    allowed.includes(actor.role)
      ? allow
      : forbid(`a ${actor.role} may not ${action}: only ${allowed.map((r) => `a ${r}`).join(' or ')}`);
}

/** Heads and members of a delegation: the only ones who write papers. */
const delegates = rolesMay('document.create', 'head', 'member');

/** Everyone in the talks: all roles but admin, who manages accounts and reads nothing of the talks. */
const participants = (action: TalksAction) => rolesMay(action, 'coordinator', 'head', 'member', 'observer');

const coordinatorOnly = (action: TalksAction) => rolesMay(action, 'coordinator');

/** A rule on one document: 404 unless the actor may see it, then `whenVisible` decides. */
function onDocument(whenVisible: (actor: Actor, author: Delegation) => PolicyDecision): PolicyRule {
  return (actor, resource) => {
    if (actor.role === 'admin') return forbid('an admin reads no documents');
    if (resource.kind !== 'document' || !resource.visible) return notFound;
    return whenVisible(actor, resource.author);
  };
}

/** Only the author delegation writes to its own paper. */
const authorOnly = (action: TalksAction) =>
  onDocument((actor, author) =>
    delegationOf(actor) === author
      ? allow
      : forbid(`only the "${author}" delegation may ${action} its paper`),
  );

/** The owner of the token a token action is on: the actor's own when no token is named. */
const tokenOwner = (actor: Actor, resource: PolicyResource) =>
  resource.kind === 'token' ? resource.ownerUserId : actor.userId;

/** Token actions an admin may take on anyone's token (list, revoke: neither gives a way in); anyone on their own. */
const ownTokenOrAdmin = (action: TalksAction): PolicyRule => {
  return (actor, resource) =>
    actor.role === 'admin' || tokenOwner(actor, resource) === actor.userId
      ? allow
      : forbid(`a ${actor.role} may ${action} only for themselves`);
};

/**
 * Making a token: only for oneself, the admin included. A token acts as its owner, so a token made for
 * someone else would let its maker read what that person may read (an admin, a delegation's drafts).
 */
const ownTokenOnly: PolicyRule = (actor, resource) =>
  tokenOwner(actor, resource) === actor.userId
    ? allow
    : forbid('an API token can be made only by its owner, signed in as themselves');

/** Reading a relay: the recipients it reached, and the coordinator who made it; 404 for anyone else. */
const onRelay: PolicyRule = (actor, resource) => {
  if (actor.role === 'admin') return forbid('an admin reads no relays');
  return resource.kind === 'relay' && resource.visible ? allow : notRelayed;
};

/**
 * A desk's private notes: only its members, on the note itself or (none) on the desk's own notes; a note of
 * another desk answers 404 whoever asks, so that no one learns it exists. An admin keeps and reads none.
 */
function onNote(action: TalksAction): PolicyRule {
  return (actor, resource) => {
    if (actor.role === 'admin') return forbid('an admin reads and writes no notes');
    if (resource.kind === 'note') return resource.ofActorDesk ? allow : noSuchNote;
    if (resource.kind !== 'none') return noSuchNote;
    return deskOf(actor) === undefined
      ? forbid(
          `a ${actor.role} may not ${action}: only a delegation's heads and members, and the coordinator`,
        )
      : allow;
  };
}

const noSuchNote: PolicyDecision = { allowed: false, status: 404, reason: 'no such note' };
const notRelayed: PolicyDecision = { allowed: false, status: 404, reason: 'no such relay' };
const noPendingAccount: PolicyDecision = {
  allowed: false,
  status: 404,
  reason: 'no such account to confirm',
};

/**
 * Confirming an account an admin made (or whose password an admin reset), the second party that keeps an
 * admin from reaching the talks' content through an account of their own making:
 * - a delegation's head or member: a confirmed head of that delegation; the coordinator only while the
 *   delegation has no active head (its first head);
 * - an observer: the coordinator; a coordinator: another coordinator (the first one is confirmed on the
 *   server's machine with `lockstep talks users confirm`);
 * - no one confirms their own account, and admins need no confirmation (they see no content).
 * An account the actor may not confirm answers 404, so the list of pending accounts is not an oracle.
 */
const confirmAccount: PolicyRule = (actor, resource) => {
  if (resource.kind !== 'account' || resource.userId === actor.userId) return noPendingAccount;
  switch (resource.role) {
    case 'admin':
      return noPendingAccount;
    case 'coordinator':
    case 'observer':
      return actor.role === 'coordinator' ? allow : noPendingAccount;
    case 'head':
    case 'member': {
      const ownHead = actor.role === 'head' && actor.delegation === resource.delegation;
      const firstHead = actor.role === 'coordinator' && !resource.delegationHasHead;
      return ownHead || firstHead ? allow : noPendingAccount;
    }
  }
};

/** The rule of every action. Typed so that a missing action does not compile; tests check it at run time too. */
export const policyTable: { readonly [A in TalksAction]: PolicyRule } = {
  'channel.list': participants('channel.list'),
  'document.create': delegates,
  'document.list': participants('document.list'),
  'document.read': onDocument(() => allow),
  'document.version': authorOnly('document.version'),
  'document.send': authorOnly('document.send'),
  'document.relay': onDocument((actor) =>
    actor.role === 'coordinator' ? allow : forbid(`a ${actor.role} may not relay: only the coordinator`),
  ),
  'relay.read': onRelay,
  'text.read': participants('text.read'),
  'text.add-clause': coordinatorOnly('text.add-clause'),
  'text.propose': coordinatorOnly('text.propose'),
  'text.withdraw': coordinatorOnly('text.withdraw'),
  'text.set-status': coordinatorOnly('text.set-status'),
  'round.open': coordinatorOnly('round.open'),
  'round.close': coordinatorOnly('round.close'),
  'round.read': participants('round.read'),
  'progress.read': participants('progress.read'),
  'audit.read': rolesMay('audit.read', 'admin'),
  'audit.verify': rolesMay('audit.verify', 'admin', 'coordinator'),
  'audit.checkpoint': rolesMay('audit.checkpoint', 'admin', 'coordinator'),
  'user.create': rolesMay('user.create', 'admin'),
  'user.list': rolesMay('user.list', 'admin'),
  // The accounts waiting for the actor's confirmation; the list is filtered by `user.confirm`.
  'user.pending': rolesMay('user.pending', 'coordinator', 'head'),
  'user.confirm': confirmAccount,
  'user.disable': rolesMay('user.disable', 'admin'),
  'user.enable': rolesMay('user.enable', 'admin'),
  'user.end-sessions': rolesMay('user.end-sessions', 'admin'),
  // A reset by the admin puts a participant's account back to waiting for confirmation.
  'user.reset-password': rolesMay('user.reset-password', 'admin'),
  'token.create': ownTokenOnly,
  'token.list': ownTokenOrAdmin('token.list'),
  'token.revoke': ownTokenOrAdmin('token.revoke'),
  // Anyone signed in may see and end their own session.
  'session.read': () => allow,
  'session.end': () => allow,
  // Anyone changes their own password (with the current one); it ends their other sessions and tokens.
  'password.change': () => allow,
  'talks.export': participants('talks.export'),
  // A desk's private notes: its members alone, never the coordinator (a delegation's), never the admin.
  'note.list': onNote('note.list'),
  'note.read': onNote('note.read'),
  'note.write': onNote('note.write'),
  // The live events: each filtered to what the reader may see (live-events.ts); an admin sees none of it.
  'talks.events': participants('talks.events'),
};

/** Whether a string is a known action. */
export function isTalksAction(value: string): value is TalksAction {
  return Object.hasOwn(policyTable, value);
}

/**
 * Whether `actor` may do `action` to `resource`: the one check the server makes per route. An unknown action,
 * or an actor whose role and delegation do not fit together, is refused.
 */
export function authorize(
  actor: Actor,
  action: string,
  resource: PolicyResource = { kind: 'none' },
): PolicyDecision {
  if (!isTalksAction(action)) return forbid(`unknown action "${action}"`);
  const problem = actorProblem(actor);
  if (problem !== undefined) return forbid(problem);
  return policyTable[action](actor, resource);
}

/** Why an actor is not a valid one (heads and members need a delegation, no one else has one), if it is not. */
export function actorProblem(actor: Actor): string | undefined {
  if (!isRole(actor.role)) return `unknown role "${actor.role}"`;
  const needsDelegation = actor.role === 'head' || actor.role === 'member';
  if (needsDelegation && (actor.delegation === undefined || !isDelegation(actor.delegation))) {
    return `a ${actor.role} needs a delegation, got ${JSON.stringify(actor.delegation ?? null)}`;
  }
  if (!needsDelegation && actor.delegation !== undefined) {
    return `a ${actor.role} belongs to no delegation, got "${actor.delegation}"`;
  }
  return undefined;
}

/** The policy's view of relay `relayId` for `actor`, or undefined when there is no such relay (404). */
export function relayResource(
  actor: Actor,
  relays: readonly Relay[],
  relayId: string,
): PolicyResource | undefined {
  const relay = relays.find((r) => r.id === relayId);
  if (!relay) return undefined;
  return { kind: 'relay', visible: actor.role === 'coordinator' || relayReaches(actor, relay) };
}

/** The policy's view of document `documentId` for `actor`, or undefined when there is no such document (404). */
export function documentResource(
  actor: Actor,
  state: DocumentState,
  documentId: string,
): PolicyResource | undefined {
  const document = findDocument(state, documentId);
  if (!document) return undefined;
  return {
    kind: 'document',
    author: document.author,
    visible: visibleDocument(actor, state, documentId) !== undefined,
  };
}

/** The policy's view of a note for `actor`: its desk, and whether the actor is of it. */
export function noteResource(actor: Actor, note: Pick<Note, 'desk'>): PolicyResource {
  return { kind: 'note', desk: note.desk, ofActorDesk: deskOf(actor) === note.desk };
}
