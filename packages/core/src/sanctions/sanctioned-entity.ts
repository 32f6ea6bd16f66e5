import type { DesignationHistory, HistoryEvent } from './designation-history.ts';
import { entryLineage } from './designation-history.ts';
import { describeDating, type EventDating, mayHaveHappenedOn } from './event-dating.ts';
import { jcpoaMilestones } from './jcpoa-milestones.ts';
import type { OfacList } from './ofac-list.ts';
import type { OfacSnapshot } from './ofac-snapshot.ts';
import type { RelistingLink } from './relisting-link.ts';
import type { SdnType } from './sdn-type.ts';

/**
 * One designation: an entry listed under one program tag. An entry with tags `SDGT`, `IRGC` and `IFSR`
 * holds three designations; each can be lifted or kept on its own.
 */
export interface Designation {
  readonly entryNumber: number;
  readonly name: string;
  readonly type: SdnType;
  readonly list: OfacList;
  readonly program: string;
  /**
   * When the current holding began: the listing, the tag's addition, or the return to the SDN list (for a
   * party re-listed in 2018, the re-listing). Absent when no history was given.
   */
  readonly imposed?: EventDating;
}

/** A designation the party held earlier and no longer holds (under this or an older entry number). */
export interface PastDesignation {
  readonly entryNumber: number;
  readonly program: string;
  readonly imposed?: EventDating;
  readonly ended: EventDating;
  /** How it ended, e.g. `delisted`, `moved to the E.O. 13599 List`, `re-listed as entry 25129`. */
  readonly how: string;
}

/** The party's leaving of the SDN list around Implementation Day, before it was listed again. */
export interface ImplementationDayExit {
  readonly entryNumber: number;
  readonly how: string;
  readonly dating: EventDating;
}

/** A sanctioned party as a snapshot shows it, with what its history tells. */
export interface SanctionedEntity {
  /** The entry number in the snapshot, as text: `4632`. */
  readonly id: string;
  readonly entryNumber: number;
  readonly name: string;
  readonly type: SdnType;
  readonly list: OfacList;
  /** Its entry numbers, oldest first, when OFAC re-listed it under new ones. */
  readonly lineage: readonly number[];
  /** The links that join the lineage, with their confidence and evidence. */
  readonly links: readonly RelistingLink[];
  readonly designations: readonly Designation[];
  readonly pastDesignations: readonly PastDesignation[];
  /**
   * Set when the party left the SDN list in an interval that holds Implementation Day (2016-01-16), by
   * delisting or a move to the E.O. 13599 List, and is on the SDN list again.
   */
  readonly implementationDayExit?: ImplementationDayExit;
}

/**
 * The parties of one snapshot with their designations; with a history built from this snapshot among
 * others, each designation is dated and the party's earlier entries and designations are known.
 */
export function sanctionedEntities(snapshot: OfacSnapshot, history?: DesignationHistory): SanctionedEntity[] {
  return snapshot.entries.map((entry) => {
    const base = {
      id: String(entry.entryNumber),
      entryNumber: entry.entryNumber,
      name: entry.name,
      type: entry.type,
      list: entry.list,
    };
    if (!history) {
      return {
        ...base,
        lineage: [entry.entryNumber],
        links: [],
        designations: entry.programs.map((program) => ({ ...base, program })),
        pastDesignations: [],
      };
    }
    const lineage = entryLineage(history, entry.entryNumber);
    const links = history.links.filter((link) => lineage.includes(link.to));
    const past: PastDesignation[] = [];
    let exit: ImplementationDayExit | undefined;
    let holding = new Map<string, EventDating>();
    for (const number of lineage) {
      const events = (history.entries.get(number)?.events ?? []).filter(
        (event) => event.dating.by <= snapshot.date,
      );
      holding = new Map();
      for (const event of events) {
        exit = exitAtImplementationDay(event) ?? exit;
        applyEvent(event, holding, past);
      }
      if (number !== entry.entryNumber) {
        const next = lineage[lineage.indexOf(number) + 1]!;
        const relisting = history.entries.get(next)?.events.find((event) => event.kind === 'listed');
        for (const [program, imposed] of holding) {
          if (relisting)
            past.push({
              entryNumber: number,
              program,
              imposed,
              ended: relisting.dating,
              how: `re-listed as entry ${next}`,
            });
        }
      }
    }
    return {
      ...base,
      lineage,
      links,
      designations: entry.programs.map((program) => {
        const imposed = holding.get(program);
        return { ...base, program, ...(imposed && { imposed }) };
      }),
      pastDesignations: past,
      ...(exit && entry.list.kind === 'sdn' && { implementationDayExit: exit }),
    };
  });
}

function applyEvent(event: HistoryEvent, holding: Map<string, EventDating>, past: PastDesignation[]): void {
  const end = (program: string, how: string) => {
    past.push({
      entryNumber: event.entryNumber,
      program,
      ...optionalImposed(holding.get(program)),
      ended: event.dating,
      how,
    });
    holding.delete(program);
  };
  switch (event.kind) {
    case 'listed':
      for (const program of event.programs) holding.set(program, event.dating);
      break;
    case 'moved':
      // A move between the SDN list and the E.O. 13599 List ends one listing and begins another.
      for (const program of [...holding.keys()]) end(program, `moved to the ${listWords(event.list)}`);
      for (const program of event.programs) holding.set(program, event.dating);
      break;
    case 'delisted':
      for (const program of [...holding.keys()]) end(program, 'delisted');
      break;
    case 'program-added':
      holding.set(event.program!, event.dating);
      break;
    case 'program-removed':
      end(event.program!, 'program removed');
      break;
    case 'program-renamed': {
      const imposed = holding.get(event.previousProgram!);
      holding.delete(event.previousProgram!);
      holding.set(event.program!, imposed ?? event.dating);
      break;
    }
  }
}

function exitAtImplementationDay(event: HistoryEvent): ImplementationDayExit | undefined {
  const leftSdn =
    (event.kind === 'delisted' && event.list.kind === 'sdn') ||
    (event.kind === 'moved' && event.fromList?.kind === 'sdn');
  if (!leftSdn || !mayHaveHappenedOn(event.dating, jcpoaMilestones.implementationDay)) return undefined;
  const how = event.kind === 'moved' ? `moved to the ${listWords(event.list)}` : 'delisted';
  return {
    entryNumber: event.entryNumber,
    how: `${how} ${describeDating(event.dating)}`,
    dating: event.dating,
  };
}

function listWords(list: OfacList): string {
  if (list.kind === 'sdn') return 'SDN list';
  return list.subList === 'eo13599' ? 'E.O. 13599 List' : 'Consolidated List';
}

function optionalImposed(imposed: EventDating | undefined): { imposed?: EventDating } {
  return imposed ? { imposed } : {};
}
