import type { ConflictAnalysisResult, ConflictPathsResult } from '@lockstep/contract';
import { formatTable } from '../output.ts';
import type { CommandOutputs } from './operation-commands.ts';

/** The most states the tableau shows as columns; a wider one is left to `--json`. */
const maxTableauStates = 40;

const definitionNames = { nash: 'Nash', gmr: 'GMR', smr: 'SMR', seq: 'SEQ' } as const;
const definitions = ['nash', 'gmr', 'smr', 'seq'] as const;

/**
 * The tableau as GMCR+ prints it: a row per option (grouped by DM) with Y/N per state, then a row per definition
 * marking the equilibria (E), then per DM the states stable for it under SEQ (s).
 */
export function tableau(result: ConflictAnalysisResult): string {
  const { states, options } = result;
  const dmName = new Map(result.decisionMakers.map((dm) => [dm.id, dm.name]));
  const header = ['', 'STATE', ...states.map((state) => String(state.id))];
  const rows: string[][] = options.map((option, k) => [
    k === 0 || options[k - 1]!.dm !== option.dm ? (dmName.get(option.dm) ?? option.dm) : '',
    option.name,
    ...states.map((state) => state.yn[option.bit]!),
  ]);
  for (const definition of definitions) {
    const equilibria = new Set(result.equilibria[definition]);
    rows.push([
      definition === 'nash' ? 'Equilibria' : '',
      definitionNames[definition],
      ...states.map((state) => (equilibria.has(state.id) ? 'E' : '.')),
    ]);
  }
  for (const dm of result.decisionMakers) {
    const stable = new Set(dm.stable.seq);
    rows.push([
      dm === result.decisionMakers[0] ? 'Stable (SEQ)' : '',
      dm.name,
      ...states.map((state) => (stable.has(state.id) ? 's' : '.')),
    ]);
  }
  // The last column is never padded by formatTable; pad the state columns to one width here.
  const width = String(states.length).length;
  const padded = (cells: readonly string[]) => cells.map((cell, i) => (i < 2 ? cell : cell.padStart(width)));
  return formatTable(padded(header), rows.map(padded));
}

/** A ranking as `4 > 8 > (2 6) > 1`. */
export function rankingText(ranking: readonly (readonly number[])[]): string {
  return ranking.map((tie) => (tie.length === 1 ? String(tie[0]) : `(${tie.join(' ')})`)).join(' > ');
}

function pathsText(paths: ConflictPathsResult): string {
  const lines = paths.toEquilibria.map((target) => {
    if (!target.reachable) {
      return `  equilibrium ${target.equilibrium}: no path of improvements from state ${paths.from} reaches it`;
    }
    return target.paths.map((path) => `  ${path.sentence}`).join('\n');
  });
  if (paths.toEquilibria.length === 0)
    lines.push(`  there is no ${definitionNames[paths.definition]} equilibrium to reach`);
  if (paths.note) lines.push(`  (${paths.note})`);
  return `${lines.join('\n')}\n`;
}

/** How the conflict commands print their results. */
export const conflictOutputs: CommandOutputs = {
  'conflict.models': {
    print({ io }, r) {
      io.out(
        formatTable(
          ['ID', 'DECISION MAKERS', 'OPTIONS', 'STATES', 'TITLE'],
          r.conflicts.map((c) => [
            c.id,
            c.decisionMakers.map((dm) => dm.id).join(', '),
            String(c.options),
            c.states === undefined ? '-' : String(c.states),
            c.problem ? `${c.title} (not valid: ${c.problem})` : c.title,
          ]),
        ),
      );
    },
  },
  'conflict.analyze-file': {
    print({ io }, r) {
      io.out(
        `${r.conflict.title}: ${r.states.length} feasible states, ${r.decisionMakers.length} decision makers, ${r.options.length} options (coalition rule: ${r.chain})\n\n`,
      );
      io.out(
        r.states.length <= maxTableauStates
          ? tableau(r)
          : `(${r.states.length} states: too many columns for a tableau here; --json gives every state)\n`,
      );
      io.out('\nRankings, most preferred first:\n');
      for (const dm of r.decisionMakers) io.out(`  ${dm.name}: ${rankingText(dm.ranking)}\n`);
      io.out('\n');
      for (const sentence of r.sentences) io.out(`${sentence}\n`);
      if (r.statusQuoPaths) {
        io.out(`\nFrom the status quo, state ${r.statusQuoPaths.from}, to the SEQ equilibria:\n`);
        io.out(pathsText(r.statusQuoPaths));
      }
      if (r.conflict.notAnalysed.length > 0) {
        io.out('\nRead but not analysed:\n');
        for (const line of r.conflict.notAnalysed) io.out(`  ${line}\n`);
      }
    },
  },
  'conflict.explain-file': {
    print({ io }, r) {
      io.out(`State ${r.state.id} (${r.state.yn}): ${r.description}\n`);
      const under = definitions.filter((d) => r.stable[d]).map((d) => definitionNames[d]);
      io.out(
        under.length === 0
          ? 'An equilibrium (stable for every side) under no definition.\n'
          : `An equilibrium (stable for every side) under ${under.length > 1 ? `${under.slice(0, -1).join(', ')} and ${under.at(-1)}` : under[0]}.\n`,
      );
      for (const dm of r.decisionMakers) {
        io.out(`\n${dm.name}:\n`);
        for (const sentence of dm.sentences) io.out(`  ${sentence}\n`);
        for (const improvement of dm.improvements) {
          io.out(`  Its move to state ${improvement.move.to}:\n`);
          for (const definition of ['gmr', 'smr', 'seq'] as const) {
            io.out(`    ${improvement[definition].reason}\n`);
          }
        }
      }
    },
  },
  'conflict.paths-file': {
    print({ io }, r) {
      io.out(
        `From state ${r.from} to the ${definitionNames[r.definition]} equilibria (${r.equilibria.join(', ') || 'none'}):\n`,
      );
      io.out(pathsText(r));
    },
  },
  'conflict.changes-file': {
    print({ io }, r) {
      for (const sentence of r.sentences) io.out(`${sentence}\n`);
      if (r.changes.length > 0) {
        io.out('\n');
        io.out(
          formatTable(
            ['SIDE', 'EQUILIBRIA AFTER', 'CHANGE'],
            r.changes.map((c) => [c.dm, c.equilibriaAfter.join(', '), c.description]),
          ),
        );
      }
    },
  },
  'conflict.convert-file': {
    print({ io }, r) {
      io.out(
        `Wrote ${r.to} (${r.format === 'gmcr' ? 'GMCR+ save file' : 'Lockstep conflict JSON'}): ${r.decisionMakers} decision makers, ${r.options} options.\n`,
      );
      if (r.notCarried.length > 0)
        io.out(`Not carried (the format has no place for it): ${r.notCarried.join('; ')}.\n`);
      if (r.notAnalysed.length > 0) io.out(`Read but not analysed: ${r.notAnalysed.join(' ')}\n`);
    },
  },
};
