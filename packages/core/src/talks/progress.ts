import type { Clause, ClauseStatus, ExpertGroup, NegotiatingText } from './negotiating-text.ts';

/** How much of a set of clauses is agreed. Shares are fractions in [0, 1], and 0 when there are no clauses. */
export interface ProgressFigures {
  /** Clauses in the text. */
  readonly total: number;
  /** Clauses agreed (not counting those agreed ad referendum). */
  readonly agreed: number;
  /** Clauses agreed ad referendum. */
  readonly adReferendum: number;
  /** agreed / total. */
  readonly share: number;
  /** (agreed + adReferendum) / total: the share delegations quote when they count provisional agreement. */
  readonly provisionalShare: number;
  /** Sum of the agreed clauses' weights over the sum of all weights. */
  readonly weightedShare: number;
}

/** Progress of one expert group's text. */
export interface GroupProgress extends ProgressFigures {
  readonly group: ExpertGroup;
}

/** Progress per expert group and over all clauses of all groups. */
export interface TalksProgress {
  readonly groups: readonly GroupProgress[];
  readonly overall: ProgressFigures;
}

/**
 * Progress of the texts, now or as they stood at instant `at` (ISO 8601): clauses added after `at` are left
 * out, and each clause counts with the status its history gives it at `at`.
 */
export function progress(texts: readonly NegotiatingText[], at?: string): TalksProgress {
  const when = at === undefined ? undefined : Date.parse(at);
  const statusesOf = (text: NegotiatingText) =>
    text.clauses.flatMap((c) => {
      const status = when === undefined ? c.status : statusAt(c, when);
      return status === undefined ? [] : [{ status, weight: c.weight }];
    });
  const groups = texts.map((t) => ({ group: t.group, ...figures(statusesOf(t)) }));
  return { groups, overall: figures(texts.flatMap(statusesOf)) };
}

/** One point of the progress curve: progress as it stood just after the changes at `at`. */
export interface ProgressPoint {
  readonly at: string;
  readonly progress: TalksProgress;
}

/** Progress over time: one point at each instant a clause was added or changed status, in time order. */
export function progressHistory(texts: readonly NegotiatingText[]): readonly ProgressPoint[] {
  const instants = new Map<number, string>();
  for (const clause of texts.flatMap((t) => t.clauses)) {
    for (const at of [clause.createdAt, ...clause.history.map((h) => h.at)]) {
      const time = Date.parse(at);
      if (!instants.has(time)) instants.set(time, at);
    }
  }
  return [...instants.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, at]) => ({ at, progress: progress(texts, at) }));
}

/** A clause's status at `time` (ms since the epoch), or undefined before it was added. */
function statusAt(clause: Clause, time: number): ClauseStatus | undefined {
  if (Date.parse(clause.createdAt) > time) return undefined;
  let status: ClauseStatus = 'open';
  for (const change of clause.history) {
    if (Date.parse(change.at) <= time) status = change.to;
  }
  return status;
}

function figures(
  clauses: readonly { readonly status: ClauseStatus; readonly weight: number }[],
): ProgressFigures {
  const total = clauses.length;
  const agreed = clauses.filter((c) => c.status === 'agreed').length;
  const adReferendum = clauses.filter((c) => c.status === 'agreed-ad-referendum').length;
  const weightTotal = clauses.reduce((sum, c) => sum + c.weight, 0);
  const weightAgreed = clauses.reduce((sum, c) => sum + (c.status === 'agreed' ? c.weight : 0), 0);
  return {
    total,
    agreed,
    adReferendum,
    share: total === 0 ? 0 : agreed / total,
    provisionalShare: total === 0 ? 0 : (agreed + adReferendum) / total,
    weightedShare: weightTotal === 0 ? 0 : weightAgreed / weightTotal,
  };
}
