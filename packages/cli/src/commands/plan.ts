import { writeFileSync } from 'node:fs';
import { deepeningStepLine, deepeningSummary, phasesNeededLine } from '@lockstep/contract';
import { formatJson, formatTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandOutputs } from './operation-commands.ts';

/** The what-if line a plan command prints first: `What-if: Without red line x; y allowance 99 → 80`. */
function whatIfLine(changes: readonly { readonly text: string }[] | undefined): string {
  return changes && changes.length > 0 ? `What-if: ${changes.map((c) => c.text).join('; ')}\n` : '';
}

/** How the plan commands print their results, and the exit status of a plan that fails. */
export const planOutputs: CommandOutputs = {
  'plan.scenarios': {
    print({ io }, r) {
      io.out(
        formatTable(
          ['FILE', 'MEASURES', 'PHASES', 'PARTIES', 'TITLE'],
          r.scenarios.map((s) => [
            s.file,
            String(s.measures),
            String(s.phaseCount),
            s.parties.map((p) => `${p.id} ${p.measures}`).join(', '),
            s.title,
          ]),
        ),
      );
    },
  },
  'plan.init': {
    print({ io }, r, _input, flags) {
      const out = flags.out as string | undefined;
      const { $schema, ...rest } = r;
      const text = formatJson({ $schema, ...rest });
      if (!out) return io.out(text);
      try {
        writeFileSync(out, text);
      } catch (error) {
        throw new UsageError(
          `cannot write --out "${out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
        );
      }
      const { measures } = r;
      const summary = {
        file: out,
        measures: measures.length,
        byParty: Object.fromEntries(
          ['us', 'iran'].map((p) => [p, measures.filter((m) => m.party === p).length]),
        ),
        measuresWithAssumptions: measures.filter((m) => (m.assumed?.length ?? 0) > 0).length,
        redLines: r.redLines?.length ?? 0,
      };
      if (flags.json) return io.out(formatJson(summary));
      io.out(
        `Wrote ${out}: ${summary.measures} measures (US ${summary.byParty.us}, Iran ${summary.byParty.iran}; ${summary.measuresWithAssumptions} with assumed figures, marked in "assumed"), ${summary.redLines} red lines\n`,
      );
    },
  },
  'plan.explain': {
    print({ io }, r, input) {
      if (input.includeLp) return io.out(r.lp ?? '');
      io.out(
        `${r.title}\n${whatIfLine(r.whatIf)}Values in ${r.valueUnit}; at most ${r.phaseCount} phases.\n\n`,
      );
      io.out(
        formatTable(
          ['PARTY', 'MEASURES', 'DELIVERS', 'WITH ASSUMED FIGURES'],
          r.parties.map((p) => [
            `${p.name} (${p.id})`,
            String(p.measures),
            p.totalValue.toFixed(1),
            String(p.measuresWithAssumptions),
          ]),
        ),
      );
      io.out(`\nRelations (${r.relations.length}):\n`);
      for (const relation of r.relations) io.out(`  ${relation}\n`);
      io.out(`\nRed lines (${r.redLines.length}):\n`);
      for (const line of r.redLines) {
        io.out(`  ${line.id} (${line.party}, ${line.kind}): ${line.rule}\n`);
        if (line.text) io.out(`    stated: ${line.text}\n`);
        if (line.source) io.out(`    source: ${line.source}\n`);
      }
      io.out(
        `\nShortest possible plan: ${r.criticalPath.days} days (${r.criticalPath.measures.join(' -> ')}); phases can only lengthen it.\n`,
      );
      io.out(
        `Model: ${r.model.variables} variables (${r.model.binaries} binary), ${r.model.constraints} constraints.\n`,
      );
      if (r.assumptions.length > 0) {
        io.out('\nAssumptions:\n');
        for (const a of r.assumptions) io.out(`  - ${a}\n`);
      }
      if (r.sources.length > 0) {
        io.out('Sources:\n');
        for (const s of r.sources) io.out(`  - ${s}\n`);
      }
    },
  },
  'plan.solve': {
    exitCode: (r) => (r.status === 'error' ? 1 : 0),
    print({ io }, r) {
      io.out(whatIfLine(r.whatIf));
      io.out(
        `Status: ${r.status}${r.gap !== null && r.status === 'feasible' ? ` (gap ${(r.gap * 100).toFixed(1)} %)` : ''}; solved in ${r.solveSeconds.toFixed(2)} s\n`,
      );
      if (r.message) io.out(`${r.message}\n`);
      if (r.deepening) {
        io.out(`Phase deepening: ${deepeningSummary(r.deepening)}\n`);
        const needed = phasesNeededLine(r.deepening);
        if (needed) io.out(`  ${needed}\n`);
        for (const step of r.deepening.steps) io.out(`  ${deepeningStepLine(step)}\n`);
      }
      // Under staggered starts a measure may start after its phase's first day: its own day is given.
      const startDay = new Map((r.plan?.measures ?? []).map((m) => [m.measure, m.startDay]));
      for (const phase of r.plan?.phases ?? []) {
        const measures = phase.measures.map((id) => {
          const day = startDay.get(id);
          return day !== undefined && day > phase.startDay + 1e-6
            ? `${id} (from day ${Math.round(day)})`
            : id;
        });
        io.out(`  phase ${phase.phase + 1} (day ${Math.round(phase.startDay)}): ${measures.join(', ')}\n`);
      }
      const score = r.score;
      if (score) {
        io.out(
          `Duration ${Math.round(score.durationDays)} days; peak exposure ${score.exposure.map((c) => `${c.party} ${c.peak.toFixed(1)}`).join(', ')}\n`,
        );
      }
      for (const conflict of r.conflicts ?? []) io.out(`  conflict: ${conflict.join(' + ')}\n`);
      for (const x of r.relaxations ?? []) {
        io.out(
          `    relax ${x.redLine}: ${x.concession === null ? 'not enough alone' : `concede ${x.concession} (${x.unit})${x.durationDays === undefined ? '' : `, plan of ${Math.round(x.durationDays)} days${x.planGap ? ` (within ${(x.planGap * 100).toFixed(0)} % of the best)` : ''}`}`}\n`,
        );
      }
      io.out(
        r.violations.length > 0
          ? `  the plan checker found ${r.violations.length} violations\n`
          : r.plan
            ? '  the plan checker found no violation\n'
            : '',
      );
    },
  },
  'plan.check': {
    exitCode: (r) => (r.valid ? 0 : 1),
    print({ io }, r) {
      const { score } = r;
      io.out(whatIfLine(r.whatIf));
      io.out(
        `${r.valid ? 'Valid' : 'Not valid'}: ${r.violations.length} violation(s); days ${r.days === 'given' ? 'as given in the plan' : 'the earliest its phases allow'}\n`,
      );
      io.out(
        `Duration ${Math.round(score.durationDays)} days; peak exposure ${score.exposure.map((c) => `${c.party} ${c.peak.toFixed(1)}`).join(', ')}\n`,
      );
      for (const v of r.violations)
        io.out(`  ${v.constraint}${v.redLine ? ` ${v.redLine}` : ''}: ${v.message}\n`);
    },
  },
};
