import { type Actor, type Delegation, delegationOf, isDelegation, type Party } from './roles.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';
import { checkVersion } from './versioned.ts';

/** The expert groups, each negotiating one text: sanctions lifting, nuclear implementation and (from 20 April 2021) sequencing. */
export const expertGroups = ['sanctions-lifting', 'nuclear-implementation', 'sequencing'] as const;

/** One expert group's id. */
export type ExpertGroup = (typeof expertGroups)[number];

/**
 * Where a clause stands: `open` (bracketed), `agreed-ad-referendum` (agreed by the delegations, subject to
 * their capitals' approval) or `agreed`.
 */
export const clauseStatuses = ['open', 'agreed-ad-referendum', 'agreed'] as const;

/** One clause status. */
export type ClauseStatus = (typeof clauseStatuses)[number];

/**
 * The status changes the coordinator may record: agreement may come straight from `open` or by way of
 * `agreed-ad-referendum`; any agreement may be reopened ("nothing is agreed until everything is agreed").
 */
export const allowedTransitions: { readonly [S in ClauseStatus]: readonly ClauseStatus[] } = {
  open: ['agreed-ad-referendum', 'agreed'],
  'agreed-ad-referendum': ['agreed', 'open'],
  agreed: ['open'],
};

/** What a clause points to elsewhere in the workbench: a sequencing plan, sanctions designations or nuclear steps. */
export interface ClauseReference {
  readonly kind: 'sequencing-plan' | 'sanctions-designations' | 'nuclear-steps';
  readonly ids: readonly string[];
}

/** One bracketed alternative wording of a clause. */
export interface Alternative {
  readonly id: string;
  readonly text: string;
  /** Whose idea it is: a delegation, or the coordinator's own bridging wording. */
  readonly proposer: Party;
  /** The delegations (beyond the proposer itself) told who proposed it; nobody else is. */
  readonly disclosedTo: readonly Delegation[];
  /** When it was put in the text (ISO 8601 instant). */
  readonly proposedAt: string;
  /** When it was withdrawn (ISO 8601 instant); absent while it stands. */
  readonly withdrawnAt?: string;
}

/** One recorded status change of a clause. */
export interface StatusChange {
  /** The coordinator user who recorded it. */
  readonly by: string;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly from: ClauseStatus;
  readonly to: ClauseStatus;
  /** The alternative agreed, for a change to an agreed status. */
  readonly alternativeId?: string;
}

/** One clause of a negotiating text, with its alternatives in order, its status and its history. */
export interface Clause {
  readonly id: string;
  readonly title: string;
  /** When it was added to the text (ISO 8601 instant). */
  readonly createdAt: string;
  readonly alternatives: readonly Alternative[];
  readonly status: ClauseStatus;
  /** The alternative agreed while the status is an agreed one. */
  readonly agreedAlternative?: string;
  readonly history: readonly StatusChange[];
  /** Relative weight in weighted progress (a positive number, 1 by default). */
  readonly weight: number;
  readonly references: readonly ClauseReference[];
  /** Optimistic version: 1 when added, +1 per change to the clause. */
  readonly version: number;
}

/** The single negotiating text of one expert group. */
export interface NegotiatingText {
  readonly group: ExpertGroup;
  readonly clauses: readonly Clause[];
  /** Optimistic version of the clause list: +1 per clause added (clause edits bump only the clause). */
  readonly version: number;
}

/** An empty text for `group`. */
export function emptyText(group: ExpertGroup): NegotiatingText {
  return { group, clauses: [], version: 1 };
}

/** The alternatives still standing in a clause, in order. */
export function standingAlternatives(clause: Clause): readonly Alternative[] {
  return clause.alternatives.filter((a) => a.withdrawnAt === undefined);
}

/** A new clause. */
export interface AddClauseInput {
  readonly id: string;
  readonly title: string;
  readonly weight?: number;
  readonly references?: readonly ClauseReference[];
  readonly expectedVersion: number;
  readonly at: string;
}

/**
 * The coordinator adds an open clause. Only the coordinator writes the text: delegations send their wording
 * in non-papers, so that nothing of theirs reaches another delegation unless the coordinator puts it there.
 */
export function addClause(
  text: NegotiatingText,
  actor: Actor,
  input: AddClauseInput,
): TalksResult<NegotiatingText> {
  const writer = coordinatorOnly(actor);
  if (!writer.ok) return writer;
  const version = checkVersion(input.expectedVersion, text.version, `the ${text.group} text`);
  if (!version.ok) return version;
  if (text.clauses.some((c) => c.id === input.id)) {
    return talksFailure(
      'invalid-input',
      'id',
      `clause "${input.id}" already exists in the ${text.group} text`,
    );
  }
  const weight = input.weight ?? 1;
  if (!(Number.isFinite(weight) && weight > 0)) {
    return talksFailure('invalid-input', 'weight', `${weight} is not a positive number`);
  }
  const clause: Clause = {
    id: input.id,
    title: input.title,
    createdAt: input.at,
    alternatives: [],
    status: 'open',
    history: [],
    weight,
    references: input.references ?? [],
    version: 1,
  };
  return talksSuccess({ ...text, clauses: [...text.clauses, clause], version: text.version + 1 });
}

/** A bracketed alternative put into an open clause. */
export interface ProposeInput {
  readonly clauseId: string;
  readonly id: string;
  readonly text: string;
  readonly proposer: Party;
  readonly disclosedTo?: readonly Delegation[];
  readonly expectedVersion: number;
  readonly at: string;
}

/** The coordinator adds an alternative to an open clause, after those already there. */
export function proposeAlternative(
  text: NegotiatingText,
  actor: Actor,
  input: ProposeInput,
): TalksResult<NegotiatingText> {
  const found = openClause(text, actor, input.clauseId, input.expectedVersion);
  if (!found.ok) return found;
  const clause = found.value;
  if (clause.alternatives.some((a) => a.id === input.id)) {
    return talksFailure(
      'invalid-input',
      'id',
      `clause "${clause.id}" already has an alternative "${input.id}"`,
    );
  }
  if (input.proposer !== 'coordinator' && !isDelegation(input.proposer)) {
    return talksFailure(
      'unknown-delegation',
      'proposer',
      `"${input.proposer}" is not a delegation or "coordinator"`,
    );
  }
  const unknown = (input.disclosedTo ?? []).findIndex((d) => !isDelegation(d));
  if (unknown >= 0) {
    return talksFailure(
      'unknown-delegation',
      `disclosedTo[${unknown}]`,
      `"${input.disclosedTo?.[unknown]}" is not a delegation`,
    );
  }
  const alternative: Alternative = {
    id: input.id,
    text: input.text,
    proposer: input.proposer,
    disclosedTo: input.disclosedTo ?? [],
    proposedAt: input.at,
  };
  return talksSuccess(
    replaceClause(text, { ...clause, alternatives: [...clause.alternatives, alternative] }),
  );
}

/** Withdrawing one alternative of an open clause. */
export interface WithdrawInput {
  readonly clauseId: string;
  readonly alternativeId: string;
  readonly expectedVersion: number;
  readonly at: string;
}

/** The coordinator withdraws a standing alternative; it stays in the record, out of the text. */
export function withdrawAlternative(
  text: NegotiatingText,
  actor: Actor,
  input: WithdrawInput,
): TalksResult<NegotiatingText> {
  const found = openClause(text, actor, input.clauseId, input.expectedVersion);
  if (!found.ok) return found;
  const clause = found.value;
  const target = standingAlternatives(clause).find((a) => a.id === input.alternativeId);
  if (!target) {
    return talksFailure(
      'not-found',
      'alternativeId',
      `clause "${clause.id}" has no standing alternative "${input.alternativeId}"`,
    );
  }
  const alternatives = clause.alternatives.map((a) => (a === target ? { ...a, withdrawnAt: input.at } : a));
  return talksSuccess(replaceClause(text, { ...clause, alternatives }));
}

/** A status change of one clause. */
export interface SetStatusInput {
  readonly clauseId: string;
  readonly to: ClauseStatus;
  /** The alternative agreed; needed when more than one stands. */
  readonly alternativeId?: string;
  readonly expectedVersion: number;
  readonly at: string;
}

/**
 * The coordinator records a clause's status. Only the coordinator does: agreement is the consensus of the
 * delegations, which the chair records; no single delegation can declare it. Agreeing needs exactly one
 * standing alternative or a chosen one; an ad referendum agreement is confirmed on the same alternative.
 */
export function setClauseStatus(
  text: NegotiatingText,
  actor: Actor,
  input: SetStatusInput,
): TalksResult<NegotiatingText> {
  const found = editableClause(text, actor, input.clauseId, input.expectedVersion);
  if (!found.ok) return found;
  const clause = found.value;
  if (!allowedTransitions[clause.status].includes(input.to)) {
    return talksFailure(
      'invalid-transition',
      'to',
      `clause "${clause.id}" cannot go from ${clause.status} to ${input.to}; allowed: ${allowedTransitions[clause.status].join(', ')}`,
    );
  }
  const change = { by: actor.userId, at: input.at, from: clause.status, to: input.to };
  if (input.to === 'open') {
    const { agreedAlternative: _dropped, ...rest } = clause;
    return talksSuccess(
      replaceClause(text, { ...rest, status: 'open', history: [...clause.history, change] }),
    );
  }
  const agreed = agreedAlternativeFor(clause, input.alternativeId);
  if (!agreed.ok) return agreed;
  const history = [...clause.history, { ...change, alternativeId: agreed.value }];
  return talksSuccess(
    replaceClause(text, { ...clause, status: input.to, agreedAlternative: agreed.value, history }),
  );
}

function agreedAlternativeFor(clause: Clause, chosen: string | undefined): TalksResult<string> {
  if (clause.agreedAlternative !== undefined) {
    if (chosen !== undefined && chosen !== clause.agreedAlternative) {
      return talksFailure(
        'ambiguous-agreement',
        'alternativeId',
        `clause "${clause.id}" was agreed ad referendum on "${clause.agreedAlternative}", not "${chosen}": reopen it first`,
      );
    }
    return talksSuccess(clause.agreedAlternative);
  }
  const standing = standingAlternatives(clause);
  if (chosen !== undefined) {
    return standing.some((a) => a.id === chosen)
      ? talksSuccess(chosen)
      : talksFailure(
          'not-found',
          'alternativeId',
          `clause "${clause.id}" has no standing alternative "${chosen}"`,
        );
  }
  if (standing.length === 1) return talksSuccess(standing[0]!.id);
  return talksFailure(
    'ambiguous-agreement',
    'alternativeId',
    standing.length === 0
      ? `clause "${clause.id}" has no standing alternative to agree on`
      : `clause "${clause.id}" has ${standing.length} standing alternatives: name the one agreed`,
  );
}

function coordinatorOnly(actor: Actor): TalksResult<true> {
  return actor.role === 'coordinator'
    ? talksSuccess(true)
    : talksFailure(
        'forbidden',
        'actor.role',
        `a ${actor.role} cannot write the negotiating text: only the coordinator`,
      );
}

function editableClause(
  text: NegotiatingText,
  actor: Actor,
  clauseId: string,
  expected: number,
): TalksResult<Clause> {
  const writer = coordinatorOnly(actor);
  if (!writer.ok) return writer;
  const clause = text.clauses.find((c) => c.id === clauseId);
  if (!clause)
    return talksFailure('not-found', 'clauseId', `the ${text.group} text has no clause "${clauseId}"`);
  const version = checkVersion(expected, clause.version, `clause "${clauseId}"`);
  return version.ok ? talksSuccess(clause) : version;
}

/** `editableClause`, for changes to the alternatives: the clause must still be open. */
function openClause(
  text: NegotiatingText,
  actor: Actor,
  clauseId: string,
  expected: number,
): TalksResult<Clause> {
  const found = editableClause(text, actor, clauseId, expected);
  if (!found.ok || found.value.status === 'open') return found;
  return talksFailure(
    'clause-closed',
    'clauseId',
    `clause "${found.value.id}" is ${found.value.status}: reopen it first`,
  );
}

function replaceClause(text: NegotiatingText, clause: Clause): NegotiatingText {
  const next = { ...clause, version: clause.version + 1 };
  return { ...text, clauses: text.clauses.map((c) => (c.id === clause.id ? next : c)) };
}

/** An alternative as one actor sees it: the proposer only when it is disclosed to that actor. */
export interface RenderedAlternative {
  readonly id: string;
  readonly text: string;
  readonly proposer?: Party;
}

/** A clause as one actor sees it: the standing alternatives, proposers as disclosed. */
export interface RenderedClause {
  readonly id: string;
  readonly title: string;
  readonly status: ClauseStatus;
  readonly agreedAlternative?: string;
  readonly alternatives: readonly RenderedAlternative[];
  readonly history: readonly StatusChange[];
  readonly weight: number;
  readonly references: readonly ClauseReference[];
  readonly version: number;
}

/** A negotiating text as one actor sees it. */
export interface RenderedText {
  readonly group: ExpertGroup;
  readonly version: number;
  readonly clauses: readonly RenderedClause[];
}

/**
 * Whether an actor may know who proposed an alternative: the coordinator always; a delegation when it is the
 * proposer or the proposal is disclosed to it; observers and admins never.
 */
export function proposerVisibleTo(actor: Actor, alternative: Alternative): boolean {
  if (actor.role === 'coordinator') return true;
  const delegation = delegationOf(actor);
  if (delegation === undefined) return false;
  return alternative.proposer === delegation || alternative.disclosedTo.includes(delegation);
}

/** The text as `actor` may see it: withdrawn alternatives left out, proposers hidden unless disclosed to it. */
export function renderText(actor: Actor, text: NegotiatingText): RenderedText {
  return {
    group: text.group,
    version: text.version,
    clauses: text.clauses.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      ...(c.agreedAlternative === undefined ? {} : { agreedAlternative: c.agreedAlternative }),
      alternatives: standingAlternatives(c).map((a) => ({
        id: a.id,
        text: a.text,
        ...(proposerVisibleTo(actor, a) ? { proposer: a.proposer } : {}),
      })),
      history: c.history,
      weight: c.weight,
      references: c.references,
      version: c.version,
    })),
  };
}
