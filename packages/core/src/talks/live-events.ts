import type { AuditRecord } from './audit-chain.ts';
import { relayReaches } from './document-visibility.ts';
import type { RelayTarget } from './documents.ts';
import { type ExpertGroup, expertGroups } from './negotiating-text.ts';
import { authorize } from './policy.ts';
import { type Actor, delegationOf } from './roles.ts';

/** What changed in a negotiating text, as a live event says it. */
export type LiveTextChange =
  | 'clause-added'
  | 'clauses-imported'
  | 'alternative-added'
  | 'alternative-withdrawn'
  | 'status-changed';

/**
 * A live event: that something the reader may see has changed, by id only. It never carries a paper's,
 * relay's or clause's text, nor who proposed or wrote what: the reader reads the thing itself through the
 * ordinary reads, which apply the policy and record reads of papers and relays as before.
 */
export type LiveEvent = { readonly seq: number; readonly at: string } & (
  | { readonly type: 'relay.received'; readonly relayId: string }
  | { readonly type: 'paper.sent'; readonly documentId: string; readonly number: number }
  | { readonly type: 'paper.changed'; readonly documentId: string; readonly number: number }
  | {
      readonly type: 'text.changed';
      readonly group: ExpertGroup;
      readonly clauseId?: string;
      readonly change: LiveTextChange;
    }
  | { readonly type: 'round.opened' | 'round.closed'; readonly number: number }
  | { readonly type: 'note.changed'; readonly noteId: string }
);

/** An audit entry, as far as the events need it: what was done, by whom, to what, with which ids. */
export type LiveEventSource = AuditRecord & { readonly seq: number };

const textChanges: { readonly [action: string]: LiveTextChange } = {
  'text.add-clause': 'clause-added',
  'text.propose': 'alternative-added',
  'text.withdraw': 'alternative-withdrawn',
  'text.set-status': 'status-changed',
};

/** Whether two actors keep notes at the same desk: one delegation's delegates, or the coordinator's office. */
function sameDesk(reader: Actor, writer: Actor): boolean {
  if (reader.role === 'coordinator' || writer.role === 'coordinator') {
    return reader.role === 'coordinator' && writer.role === 'coordinator';
  }
  const desk = delegationOf(writer);
  return desk !== undefined && delegationOf(reader) === desk;
}

const isExpertGroup = (value: string | undefined): value is ExpertGroup =>
  (expertGroups as readonly (string | undefined)[]).includes(value);

/** The part of a target after `kind:`, if the target is of that kind. */
function targetId(target: string, kind: string): string | undefined {
  return target.startsWith(`${kind}:`) ? target.slice(kind.length + 1) : undefined;
}

const positiveInteger = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;

/**
 * The live event `reader` gets for the write recorded in `entry`, or undefined when the reader may not see
 * what it changed. The rule is what the reads show, not who may reach the object:
 * - a paper's new draft (`document.create`, `document.version`): only its delegation, even when the
 *   coordinator may read the paper's sent versions (a draft is never the coordinator's);
 * - a version sent: its delegation and the coordinator;
 * - a relay: the coordinator and the delegations (or, for the plenary, observers) it reached, never the
 *   paper's author as such;
 * - a change to a text, a round opened or closed: every participant who may read texts and rounds;
 * - a note: its desk only (never the coordinator for a delegation's note, never the admin).
 * Reads, sign-ins and account changes make no event; an admin gets none.
 */
export function liveEventFor(reader: Actor, entry: LiveEventSource): LiveEvent | undefined {
  if (reader.role === 'admin') return undefined;
  const { seq, at, action, target, detail } = entry;
  const writerDelegation = delegationOf(entry.actor);
  const ownDelegation = writerDelegation !== undefined && delegationOf(reader) === writerDelegation;
  switch (action) {
    case 'document.create':
    case 'document.version': {
      const documentId = targetId(target, 'document');
      const number = action === 'document.create' ? 1 : positiveInteger(detail.number);
      if (!ownDelegation || documentId === undefined || number === undefined) return undefined;
      return { seq, at, type: 'paper.changed', documentId, number };
    }
    case 'document.send': {
      const documentId = targetId(target, 'document');
      const number = positiveInteger(detail.number);
      if (!(ownDelegation || reader.role === 'coordinator')) return undefined;
      if (documentId === undefined || number === undefined) return undefined;
      return { seq, at, type: 'paper.sent', documentId, number };
    }
    case 'document.relay': {
      const relayId = detail.relay;
      const to = detail.to;
      if (typeof relayId !== 'string' || !Array.isArray(to)) return undefined;
      const reached =
        reader.role === 'coordinator' ||
        relayReaches(reader, { to: to.filter((t): t is RelayTarget => typeof t === 'string') });
      return reached ? { seq, at, type: 'relay.received', relayId } : undefined;
    }
    case 'text.add-clause':
    case 'text.propose':
    case 'text.withdraw':
    case 'text.set-status': {
      if (!authorize(reader, 'text.read').allowed) return undefined;
      const clause = targetId(target, 'clause');
      const whole = targetId(target, 'text');
      const [group, clauseId] = clause === undefined ? [whole, undefined] : clause.split('/', 2);
      if (!isExpertGroup(group)) return undefined;
      const change = clause === undefined ? 'clauses-imported' : textChanges[action]!;
      return { seq, at, type: 'text.changed', group, ...(clauseId ? { clauseId } : {}), change };
    }
    case 'round.open':
    case 'round.close': {
      const number = positiveInteger(Number(targetId(target, 'round')));
      if (!authorize(reader, 'round.read').allowed || number === undefined) return undefined;
      return { seq, at, type: action === 'round.open' ? 'round.opened' : 'round.closed', number };
    }
    default: {
      const noteId = targetId(target, 'note');
      if (!action.startsWith('note.') || noteId === undefined || action.endsWith('.refused'))
        return undefined;
      return sameDesk(reader, entry.actor) ? { seq, at, type: 'note.changed', noteId } : undefined;
    }
  }
}

/**
 * Whether a recorded action can end a session or token somewhere (sign-out, a disabled account, a changed
 * password): the stream then checks that each reader's credential still holds.
 */
export function endsCredentials(action: string): boolean {
  return (
    action === 'session.end' ||
    action === 'user.disable' ||
    action === 'user.end-sessions' ||
    action === 'user.reset-password' ||
    action === 'password.change' ||
    action === 'token.revoke'
  );
}
