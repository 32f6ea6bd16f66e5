import {
  type ClauseStatus,
  type ExpertGroup,
  type NegotiatingText,
  type RenderedAlternative,
  type RenderedClause,
  renderText,
} from './negotiating-text.ts';
import type { Actor } from './roles.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';
import { checkVersion } from './versioned.ts';

/** Every expert group's text as it stood when a round closed: where the next round resumes. */
export interface RoundSnapshot {
  readonly round: number;
  /** When the round closed (ISO 8601 instant). */
  readonly at: string;
  readonly texts: readonly NegotiatingText[];
}

/** One round of talks in Vienna, numbered from 1. */
export interface Round {
  readonly number: number;
  readonly openedAt: string;
  /** The coordinator user who opened it. */
  readonly openedBy: string;
  readonly closedAt?: string;
  readonly closedBy?: string;
  /** The texts at closing; present once the round is closed. */
  readonly snapshot?: RoundSnapshot;
}

/** All rounds so far, at most the last one open. */
export interface RoundsState {
  readonly rounds: readonly Round[];
  /** Optimistic version: +1 per round opened or closed. */
  readonly version: number;
}

/** No round yet. */
export const emptyRounds: RoundsState = { rounds: [], version: 1 };

/** The round under way, if one is open. */
export function openRoundOf(state: RoundsState): Round | undefined {
  const last = state.rounds.at(-1);
  return last && last.closedAt === undefined ? last : undefined;
}

/** The snapshot of the last closed round: where the talks resume. */
export function lastSnapshot(state: RoundsState): RoundSnapshot | undefined {
  return state.rounds.findLast((r) => r.snapshot !== undefined)?.snapshot;
}

/** The coordinator opens the next round; only one round is open at a time. */
export function openRound(
  state: RoundsState,
  actor: Actor,
  input: { readonly expectedVersion: number; readonly at: string },
): TalksResult<RoundsState> {
  const checked = checkCoordinator(state, actor, input.expectedVersion);
  if (!checked.ok) return checked;
  const open = openRoundOf(state);
  if (open)
    return talksFailure('round-already-open', 'round', `round ${open.number} is still open: close it first`);
  const round: Round = { number: state.rounds.length + 1, openedAt: input.at, openedBy: actor.userId };
  return talksSuccess({ rounds: [...state.rounds, round], version: state.version + 1 });
}

/** The coordinator closes the open round, keeping a snapshot of every group's text. */
export function closeRound(
  state: RoundsState,
  actor: Actor,
  input: {
    readonly expectedVersion: number;
    readonly at: string;
    readonly texts: readonly NegotiatingText[];
  },
): TalksResult<RoundsState> {
  const checked = checkCoordinator(state, actor, input.expectedVersion);
  if (!checked.ok) return checked;
  const open = openRoundOf(state);
  if (!open) return talksFailure('no-open-round', 'round', 'no round is open');
  const closed: Round = {
    ...open,
    closedAt: input.at,
    closedBy: actor.userId,
    snapshot: { round: open.number, at: input.at, texts: input.texts },
  };
  return talksSuccess({ rounds: [...state.rounds.slice(0, -1), closed], version: state.version + 1 });
}

function checkCoordinator(state: RoundsState, actor: Actor, expected: number): TalksResult<true> {
  if (actor.role !== 'coordinator') {
    return talksFailure(
      'forbidden',
      'actor.role',
      `a ${actor.role} cannot open or close rounds: only the coordinator`,
    );
  }
  const version = checkVersion(expected, state.version, 'the rounds');
  return version.ok ? talksSuccess(true) : version;
}

/** One change to the text since the last round, as the actor may see it. */
export type TextChange =
  | { readonly kind: 'clause-added'; readonly group: ExpertGroup; readonly clause: RenderedClause }
  | {
      readonly kind: 'alternative-added' | 'alternative-withdrawn';
      readonly group: ExpertGroup;
      readonly clauseId: string;
      readonly alternative: RenderedAlternative;
    }
  | {
      readonly kind: 'status-changed';
      readonly group: ExpertGroup;
      readonly clauseId: string;
      readonly from: ClauseStatus;
      readonly to: ClauseStatus;
    };

/**
 * What changed in the texts since `previous` (the last round's snapshot; every clause is new without one), as
 * `actor` may see it: both sides are rendered for the actor first, so a hidden proposer stays hidden.
 */
export function changesSinceLastRound(
  actor: Actor,
  previous: RoundSnapshot | undefined,
  current: readonly NegotiatingText[],
): readonly TextChange[] {
  if (actor.role === 'admin') return [];
  return current.flatMap((text) => {
    const before = previous?.texts.find((t) => t.group === text.group);
    const oldClauses = new Map((before ? renderText(actor, before).clauses : []).map((c) => [c.id, c]));
    return renderText(actor, text).clauses.flatMap((clause) => {
      const old = oldClauses.get(clause.id);
      return old
        ? clauseChanges(text.group, old, clause)
        : [{ kind: 'clause-added' as const, group: text.group, clause }];
    });
  });
}

function clauseChanges(group: ExpertGroup, old: RenderedClause, now: RenderedClause): TextChange[] {
  const changes: TextChange[] = [];
  const oldIds = new Set(old.alternatives.map((a) => a.id));
  const nowIds = new Set(now.alternatives.map((a) => a.id));
  for (const alternative of old.alternatives) {
    if (!nowIds.has(alternative.id)) {
      changes.push({ kind: 'alternative-withdrawn', group, clauseId: now.id, alternative });
    }
  }
  for (const alternative of now.alternatives) {
    if (!oldIds.has(alternative.id))
      changes.push({ kind: 'alternative-added', group, clauseId: now.id, alternative });
  }
  if (old.status !== now.status) {
    changes.push({ kind: 'status-changed', group, clauseId: now.id, from: old.status, to: now.status });
  }
  return changes;
}
