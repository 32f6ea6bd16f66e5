import type { ExpertGroup, ProgressFigures, RoundReport, TextChange } from '@lockstep/core';
import { partyNames } from './text-draft.ts';

/** The expert groups as the report's rows and headings name them. */
export const reportGroupNames: { readonly [G in ExpertGroup]: string } = {
  'sanctions-lifting': 'Sanctions lifting',
  'nuclear-implementation': 'Nuclear implementation',
  sequencing: 'Sequencing',
};

const statusNames = {
  open: 'open',
  'agreed-ad-referendum': 'agreed ad referendum',
  agreed: 'agreed',
} as const;

/** One row of the shares table: a group, or all groups. */
export interface ShareRow {
  readonly group: string;
  /** "3": the clauses in the text at the close. */
  readonly clauses: string;
  /** "1 (33 %)". */
  readonly agreed: string;
  /** "1": agreed ad referendum. */
  readonly adReferendum: string;
  /** "+33 pts", "no change", "new" (no text at the previous close) or "" (round 1). */
  readonly change: string;
}

/** One item of a list, and the lines it may take: a longer text is cut there with an ellipsis. */
export interface ReportItem {
  readonly text: string;
  /** 1 to 3. */
  readonly lines: number;
}

/**
 * A list cut to the lines it was given: `items`, then "and N more" when `more` is above 0. Each item takes at
 * most its `lines`, cut with an ellipsis where it is longer, so the page's length is known before it is drawn.
 */
export interface ReportList {
  readonly heading: string;
  /** The whole list in a line: "5 changes: 2 clauses added, ...". */
  readonly summary: string;
  readonly items: readonly ReportItem[];
  readonly more: number;
}

/** A round report laid out for one page: what the HTML and the PDF draw, and nothing else. */
export interface RoundReportLayout {
  /** "Round 2 report". */
  readonly title: string;
  /** "Opened 15 Apr 2021, 09:00 UTC by the coordinator · closed 28 Apr 2021, 18:00 UTC by the coordinator". */
  readonly dates: string;
  /** "As seen by Iran · generated 6 Dec 2026, 03:30 UTC". */
  readonly reader: string;
  /** "Agreed at the close of round 2 (change since round 1's close)". */
  readonly sharesHeading: string;
  readonly shares: readonly ShareRow[];
  readonly changes: ReportList;
  readonly brackets: readonly ReportList[];
  /** The note under the page: proposers appear only as disclosed to the reader. */
  readonly footer: string;
}

/** The item lines every list of one page shares: with the header and the table, one A4 page at most. */
export const reportItemLines = 30;

/**
 * The characters a list line holds, at most, in the report's 8.5 pt Helvetica on A4: an item is given the lines
 * its length needs by this count (up to 3), and cut there by the renderer if it needs more.
 */
const charsPerLine = 110;

/** "7 May 2021, 09:00 UTC". */
export function reportDate(instant: string): string {
  const date = new Date(instant);
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day}, ${date.toISOString().slice(11, 16)} UTC`;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function changeSince(now: ProgressFigures, previous: ProgressFigures | undefined, first: boolean): string {
  if (first) return '';
  if (!previous) return 'new';
  const points = Math.round(now.share * 100) - Math.round(previous.share * 100);
  return points === 0 ? 'no change' : `${points > 0 ? '+' : '-'}${Math.abs(points)} pts`;
}

function shareRow(
  group: string,
  now: ProgressFigures,
  previous: ProgressFigures | undefined,
  first: boolean,
) {
  return {
    group,
    clauses: String(now.total),
    agreed: `${now.agreed} (${percent(now.share)})`,
    adReferendum: String(now.adReferendum),
    change: changeSince(now, previous, first),
  };
}

/** " (Iran)": a proposer, only when the reader's report carries it. */
const proposedBy = (proposer: string | undefined) =>
  proposer === undefined ? '' : ` (${(partyNames[proposer] ?? proposer).replace(/^the /, '')})`;

/** One change in a line, as the reader's rendering gave it. */
export function describeChange(change: TextChange): string {
  const group = reportGroupNames[change.group];
  switch (change.kind) {
    case 'clause-added': {
      const c = change.clause;
      const wording =
        c.alternatives.length === 0
          ? ''
          : `: ${c.alternatives.map((a) => `[${a.text}]${proposedBy(a.proposer)}`).join(' ')}`;
      const status = c.status === 'open' ? '' : ` (${statusNames[c.status]})`;
      return `${group} ${c.id} “${c.title}” added${status}${wording}`;
    }
    case 'alternative-added':
    case 'alternative-withdrawn': {
      const verb = change.kind === 'alternative-added' ? 'added' : 'withdrawn';
      return `${group} ${change.clauseId}: [${change.alternative.text}]${proposedBy(change.alternative.proposer)} ${verb}`;
    }
    case 'status-changed':
      return `${group} ${change.clauseId}: from ${statusNames[change.from]} to ${statusNames[change.to]}`;
  }
}

/** "5 changes: 2 clauses added, 1 alternative added, 1 withdrawn, 1 status change". */
function changesSummary(changes: readonly TextChange[]): string {
  if (changes.length === 0) return 'No change to the texts during the round.';
  const count = (kind: TextChange['kind']) => changes.filter((c) => c.kind === kind).length;
  const parts = [
    [count('clause-added'), 'clause added', 'clauses added'],
    [count('alternative-added'), 'alternative added', 'alternatives added'],
    [count('alternative-withdrawn'), 'alternative withdrawn', 'alternatives withdrawn'],
    [count('status-changed'), 'status change', 'status changes'],
  ] as const;
  const listed = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return `${plural(changes.length, 'change')}: ${listed.join(', ')}.`;
}

/**
 * How many items of each list fit in `budget` lines, given each item's lines: the lists take an item in turn
 * while it fits, and every list cut keeps a line for its "and N more".
 */
export function shareLines(costs: readonly (readonly number[])[], budget: number): number[] {
  for (let room = budget; room > 0; room--) {
    const taken = costs.map(() => 0);
    let used = 0;
    for (let more = true; more; ) {
      more = false;
      costs.forEach((list, i) => {
        const cost = list[taken[i]!];
        if (cost !== undefined && used + cost <= room) {
          taken[i]!++;
          used += cost;
          more = true;
        }
      });
    }
    const cut = costs.filter((list, i) => taken[i]! < list.length).length;
    if (used + cut <= budget) return taken;
  }
  return costs.map(() => 0);
}

/**
 * The lists in `budget` lines: each item on up to 3 lines when every list fits so, else up to 2, else on one
 * line each, so that a long list shows as many items as it can rather than fewer in full.
 */
function fitLists(
  all: readonly (readonly string[])[],
  budget: number,
): { items: ReportItem[]; more: number }[] {
  for (const most of [3, 2, 1]) {
    const items = all.map((list) =>
      list.map((text) => ({
        text,
        lines: Math.min(most, Math.max(1, Math.ceil(text.length / charsPerLine))),
      })),
    );
    const taken = shareLines(
      items.map((list) => list.map((item) => item.lines)),
      budget,
    );
    const cut = items.some((list, i) => taken[i]! < list.length);
    if (!cut || most === 1) {
      return items.map((list, i) => ({ items: list.slice(0, taken[i]), more: list.length - taken[i]! }));
    }
  }
  return [];
}

/**
 * The report laid out for one page, from the report drawn for the reader: the lists share `itemLines` lines,
 * each cut with "and N more", so the HTML prints and the PDF draws on one A4 page whatever the talks' size.
 */
export function roundReportLayout(
  report: RoundReport,
  people: { readonly reader: string; readonly openedBy: string; readonly closedBy: string },
  itemLines = reportItemLines,
): RoundReportLayout {
  const first = report.previousRound === undefined;
  const changeLines = report.changes.map(describeChange);
  const bracketLines = report.openBrackets.map((g) =>
    g.clauses.map(
      (c) =>
        `${c.id} ${c.title}: ${
          c.alternatives.length === 0
            ? 'no wording yet'
            : c.alternatives.map((a) => `[${a.text}]${proposedBy(a.proposer)}`).join(' ')
        }`,
    ),
  );
  const [changes, ...brackets] = fitLists([changeLines, ...bracketLines], itemLines);
  const since = report.previousRound
    ? `since the close of round ${report.previousRound.number} (${reportDate(report.previousRound.closedAt)})`
    : 'since the talks began';
  return {
    title: `Round ${report.round} report`,
    dates: `Opened ${reportDate(report.openedAt)} by ${people.openedBy} · closed ${reportDate(report.closedAt)} by ${people.closedBy}`,
    reader: `As seen by ${people.reader} · generated ${reportDate(report.generatedAt)}`,
    sharesHeading: first
      ? `Agreed at the close of round ${report.round}`
      : `Agreed at the close of round ${report.round}, and the change since round ${report.previousRound?.number}`,
    shares: [
      ...report.shares.groups.map((g) => shareRow(reportGroupNames[g.group], g, g.previous, first)),
      shareRow('All groups', report.shares.overall, report.shares.overall.previous, first),
    ],
    changes: { heading: `What changed ${since}`, summary: changesSummary(report.changes), ...changes! },
    brackets: report.openBrackets.map((g, i) => ({
      heading: `Open brackets: ${reportGroupNames[g.group]}`,
      summary:
        g.openClauses === 0
          ? 'No clause open.'
          : `${plural(g.openClauses, 'clause')} open, ${plural(g.alternatives, 'standing alternative')}.`,
      ...brackets[i]!,
    })),
    footer:
      'Drawn from the texts as they stood at the close, as this reader may see them: a proposer is named only where it was disclosed to the reader.',
  };
}
