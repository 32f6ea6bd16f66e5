import type { RenderedTextJson } from '@lockstep/contract';
import { type Actor, delegationOf, type ExpertGroup } from '@lockstep/core';

/** The expert groups' names as a heading gives them. */
const groupNames: { readonly [G in ExpertGroup]: string } = {
  'sanctions-lifting': 'Expert group on sanctions lifting',
  'nuclear-implementation': 'Expert group on nuclear implementation',
  sequencing: 'Expert group on sequencing',
};

/** How a delegation is named in a header or a footnote. */
export const partyNames: Readonly<Record<string, string>> = {
  us: 'the United States',
  iran: 'Iran',
  china: 'China',
  france: 'France',
  germany: 'Germany',
  russia: 'Russia',
  uk: 'the United Kingdom',
  eu: 'the European Union',
  coordinator: 'the coordinator',
};

/** The status marks of the drafting conventions: open clauses carry none. */
const statusMarks = {
  open: undefined,
  'agreed-ad-referendum': 'Agreed ad referendum',
  agreed: 'Agreed',
} as const;

/** One alternative as drafted: its wording and, only where disclosed to the reader, its proposer's footnote. */
export interface DraftAlternative {
  readonly text: string;
  /** "Proposed by Iran.": present only when the text read gave the proposer to this reader. */
  readonly footnote?: string;
}

/** One numbered clause as drafted. */
export interface DraftClause {
  readonly number: number;
  readonly title: string;
  /** "Agreed", "Agreed ad referendum", or none for an open clause. */
  readonly status?: string;
  /** An open clause's standing alternatives, each to be set in square brackets. */
  readonly alternatives: readonly DraftAlternative[];
  /** An agreed clause's agreed wording, set without brackets. */
  readonly agreedText?: string;
}

/** A negotiating text in drafting conventions, for one reader. */
export interface DraftText {
  readonly title: string;
  /** "Round 3 · 2021-05-07 · as seen by Iran". */
  readonly header: string;
  readonly clauses: readonly DraftClause[];
}

/** Who the document is "as seen by": the caller's delegation, the coordinator, or the caller's role. */
export function readerName(actor: Actor): string {
  if (actor.role === 'coordinator') return 'the coordinator';
  const delegation = delegationOf(actor);
  return delegation ? (partyNames[delegation] ?? delegation) : `an ${actor.role}`;
}

/**
 * The text as drafted for one reader, from the text as the existing read rendered it for that reader: what it
 * left out (withdrawn alternatives, undisclosed proposers) cannot appear here, since this never sees the text.
 */
export function draftOf(
  rendered: RenderedTextJson,
  header: { round: string; date: string; reader: string },
): DraftText {
  return {
    title: `${groupNames[rendered.group]}: negotiating text`,
    header: `${header.round} · ${header.date} · as seen by ${header.reader}`,
    clauses: rendered.clauses.map((clause, index) => {
      const status = statusMarks[clause.status];
      const agreed =
        clause.status === 'open'
          ? undefined
          : clause.alternatives.find((a) => a.id === clause.agreedAlternative);
      return {
        number: index + 1,
        title: clause.title,
        ...(status ? { status } : {}),
        ...(agreed ? { agreedText: agreed.text } : {}),
        alternatives: agreed
          ? []
          : clause.alternatives.map((a) => ({
              text: a.text,
              ...(a.proposer ? { footnote: `Proposed by ${partyNames[a.proposer] ?? a.proposer}.` } : {}),
            })),
      };
    }),
  };
}
