import { type ExpertGroup, type RenderedAlternative, renderText } from './negotiating-text.ts';
import { type GroupProgress, type ProgressFigures, progress } from './progress.ts';
import { type Actor, type Delegation, delegationOf, type Role } from './roles.ts';
import { changesSinceLastRound, type Round, type RoundsState, type TextChange } from './rounds.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';

/** One group's agreed share at a round's close, beside its figures at the previous round's close. */
export interface RoundGroupShare extends GroupProgress {
  /** The group's figures at the previous round's close; absent for round 1 or a group with no text then. */
  readonly previous?: ProgressFigures;
}

/** An open (bracketed) clause at a round's close, as the reader may see it. */
export interface OpenBracketClause {
  readonly id: string;
  readonly title: string;
  /** Its standing alternatives, proposers only as disclosed to the reader. */
  readonly alternatives: readonly RenderedAlternative[];
}

/** One group's open brackets at a round's close. */
export interface GroupOpenBrackets {
  readonly group: ExpertGroup;
  /** Clauses still open (not agreed, nor agreed ad referendum). */
  readonly openClauses: number;
  /** Standing alternatives in those clauses. */
  readonly alternatives: number;
  readonly clauses: readonly OpenBracketClause[];
}

/** Who a report is drawn for: the role, and the delegation of a head or member. */
export interface RoundReportReader {
  readonly role: Role;
  readonly delegation?: Delegation;
}

/**
 * The summary of one closed round as one reader may see it: the shares agreed at its close (and at the
 * previous close), what changed in the texts during the round, and the brackets still open at its close.
 */
export interface RoundReport {
  readonly round: number;
  readonly openedAt: string;
  /** The coordinator user who opened it. */
  readonly openedBy: string;
  readonly closedAt: string;
  readonly closedBy: string;
  /** The round whose close the changes and the share changes are counted from; absent for round 1. */
  readonly previousRound?: { readonly number: number; readonly closedAt: string };
  readonly reader: RoundReportReader;
  /** When the report was drawn (ISO 8601 instant). */
  readonly generatedAt: string;
  readonly shares: {
    readonly groups: readonly RoundGroupShare[];
    readonly overall: ProgressFigures & { readonly previous?: ProgressFigures };
  };
  /** What changed from the previous close to this one, rendered for the reader (never a hidden proposer). */
  readonly changes: readonly TextChange[];
  readonly openBrackets: readonly GroupOpenBrackets[];
}

/** "1, 2 and 3", or "none yet": the rounds a report may be drawn for. */
function closedRoundsOf(state: RoundsState): string {
  const closed = state.rounds.filter((r) => r.snapshot !== undefined).map((r) => r.number);
  if (closed.length === 0) return 'no round has closed yet';
  return `the closed round${closed.length === 1 ? ' is' : 's are'} ${closed.join(', ')}`;
}

/**
 * The report of closed round `number` for `actor`, drawn from the round's snapshot and the previous round's:
 * both are rendered for the actor before anything is compared or listed, so what rendering hides (withdrawn
 * alternatives, proposers not disclosed to the actor) cannot appear. A round that does not exist is
 * `not-found`; one still open is `round-not-closed`; each names the rounds that are closed. An admin, who reads
 * no text, is refused.
 */
export function roundReport(
  actor: Actor,
  state: RoundsState,
  number: number,
  generatedAt: string,
): TalksResult<RoundReport> {
  if (actor.role === 'admin') {
    return talksFailure('forbidden', 'actor.role', 'an admin reads no round: only the participants');
  }
  const round = state.rounds.find((r) => r.number === number);
  if (!round) {
    return talksFailure('not-found', 'number', `there is no round ${number}; ${closedRoundsOf(state)}`);
  }
  const snapshot = round.snapshot;
  if (!snapshot || round.closedAt === undefined || round.closedBy === undefined) {
    return talksFailure(
      'round-not-closed',
      'number',
      `round ${number} is still open: its report is drawn when it closes; ${closedRoundsOf(state)}`,
    );
  }
  const previousRound: Round | undefined = state.rounds
    .filter((r) => r.number < number && r.snapshot !== undefined)
    .at(-1);
  const previous = previousRound?.snapshot;
  const now = progress(snapshot.texts);
  const before = previous ? progress(previous.texts) : undefined;
  const delegation = delegationOf(actor);
  return talksSuccess({
    round: number,
    openedAt: round.openedAt,
    openedBy: round.openedBy,
    closedAt: round.closedAt,
    closedBy: round.closedBy,
    ...(previousRound?.closedAt
      ? { previousRound: { number: previousRound.number, closedAt: previousRound.closedAt } }
      : {}),
    reader: { role: actor.role, ...(delegation ? { delegation } : {}) },
    generatedAt,
    shares: {
      groups: now.groups.map((g) => {
        const then = before?.groups.find((p) => p.group === g.group);
        return then ? { ...g, previous: figuresOf(then) } : g;
      }),
      overall: before ? { ...now.overall, previous: before.overall } : now.overall,
    },
    changes: changesSinceLastRound(actor, previous, snapshot.texts),
    openBrackets: snapshot.texts.map((text) => {
      const open = renderText(actor, text).clauses.filter((c) => c.status === 'open');
      return {
        group: text.group,
        openClauses: open.length,
        alternatives: open.reduce((sum, c) => sum + c.alternatives.length, 0),
        clauses: open.map((c) => ({ id: c.id, title: c.title, alternatives: c.alternatives })),
      };
    }),
  });
}

function figuresOf({ group: _group, ...figures }: GroupProgress): ProgressFigures {
  return figures;
}
