import { visibleDocument } from './document-visibility.ts';
import { type DocumentState, findDocument } from './documents.ts';
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
  'user.create',
  'user.list',
  'token.create',
  'token.list',
  'token.revoke',
  'session.read',
  'session.end',
  'talks.export',
] as const;

/** One action id. */
export type TalksAction = (typeof talksActions)[number];

/**
 * What an action is done to, as far as the policy needs to know:
 * - `document`: its author and whether the actor may know it exists (build it with `documentResource`);
 * - `token`: whose token it is (`ownerUserId`); a token action with no resource is on the actor's own;
 * - `none`: a collection or the talks as a whole (texts, rounds, progress, the log, accounts).
 */
export type PolicyResource =
  | { readonly kind: 'none' }
  | { readonly kind: 'document'; readonly author: Delegation; readonly visible: boolean }
  | { readonly kind: 'token'; readonly ownerUserId: string };

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

/** Token actions: an admin on anyone's token, anyone on their own. */
const ownTokenOrAdmin = (action: TalksAction): PolicyRule => {
  return (actor, resource) => {
    const owner = resource.kind === 'token' ? resource.ownerUserId : actor.userId;
    return actor.role === 'admin' || owner === actor.userId
      ? allow
      : forbid(`a ${actor.role} may ${action} only for themselves`);
  };
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
  'user.create': rolesMay('user.create', 'admin'),
  'user.list': rolesMay('user.list', 'admin'),
  'token.create': ownTokenOrAdmin('token.create'),
  'token.list': ownTokenOrAdmin('token.list'),
  'token.revoke': ownTokenOrAdmin('token.revoke'),
  // Anyone signed in may see and end their own session.
  'session.read': () => allow,
  'session.end': () => allow,
  'talks.export': participants('talks.export'),
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
