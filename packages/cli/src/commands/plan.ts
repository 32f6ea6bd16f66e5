import { writeFileSync } from 'node:fs';
import { defaultPositions, planDefaults, scenarioMaxPhaseCount } from '@lockstep/contract';
import type { Command } from 'commander';
import { formatJson, formatTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';

function positiveNumber(flag: string) {
  return (value: string) => {
    const number = Number(value);
    if (!(number > 0)) throw new UsageError(`invalid ${flag} "${value}": expected a positive number`);
    return number;
  };
}

function wholeNumber(flag: string, min: number, max: number) {
  return (value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max)
      throw new UsageError(`invalid ${flag} "${value}": expected a whole number from ${min} to ${max}`);
    return number;
  };
}

function isoDate(flag: string) {
  return (value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new UsageError(`invalid ${flag} "${value}": expected a date as YYYY-MM-DD`);
    return value;
  };
}

/** `lockstep plan ...`: sequencing scenarios built, explained, solved with HiGHS and checked. */
export function registerPlanCommands(program: Command, context: CommandContext): void {
  const { io } = context;
  const plan = program
    .command('plan')
    .description('sequencing: phased plans of both sides’ measures under their red lines');

  plan
    .command('init')
    .description(
      `build a scenario from the stored data: Iran’s steps back, US relief grouped from ${defaultPositions.planRelief} “lift”, the stated red lines`,
    )
    .option(
      '--as-of <date>',
      'date of the IAEA figures the steps start from (default: the latest report)',
      isoDate('--as-of'),
    )
    .option(
      '--snapshot <dataset>',
      'OFAC snapshot the relief is classified on (default: the newest SDN list)',
    )
    .option(
      '--phases <n>',
      `most phases a plan may use (default ${planDefaults.phaseCount})`,
      wholeNumber('--phases', 1, scenarioMaxPhaseCount),
    )
    .option('--title <text>', 'scenario title')
    .option('--out <file>', 'write the scenario to this file instead of stdout')
    .option('--json', 'with --out: print a JSON summary')
    .action(
      async (o: {
        asOf?: string;
        snapshot?: string;
        phases?: number;
        title?: string;
        out?: string;
        json?: boolean;
      }) => {
        const scenario = await context.withWorkbench((wb) =>
          wb.call('plan.init', {
            ...(o.asOf !== undefined && { nuclearAsOf: o.asOf }),
            ...(o.snapshot !== undefined && { snapshot: o.snapshot }),
            ...(o.phases !== undefined && { phaseCount: o.phases }),
            ...(o.title !== undefined && { title: o.title }),
          }),
        );
        const { $schema, ...rest } = scenario;
        const text = formatJson({ $schema, ...rest });
        if (!o.out) return io.out(text);
        try {
          writeFileSync(o.out, text);
        } catch (error) {
          throw new UsageError(
            `cannot write --out "${o.out}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give a path in an existing, writable folder`,
          );
        }
        const { measures } = scenario;
        const summary = {
          file: o.out,
          measures: measures.length,
          byParty: Object.fromEntries(
            ['us', 'iran'].map((p) => [p, measures.filter((m) => m.party === p).length]),
          ),
          measuresWithAssumptions: measures.filter((m) => (m.assumed?.length ?? 0) > 0).length,
          redLines: scenario.redLines?.length ?? 0,
        };
        if (o.json) return io.out(formatJson(summary));
        io.out(
          `Wrote ${o.out}: ${summary.measures} measures (US ${summary.byParty.us}, Iran ${summary.byParty.iran}; ${summary.measuresWithAssumptions} with assumed figures, marked in "assumed"), ${summary.redLines} red lines\n`,
        );
      },
    );

  plan
    .command('explain')
    .description(
      'a scenario in words: totals, relations, red lines with their figures, critical path, model size',
    )
    .argument('<file>', 'scenario JSON (see packages/formats/src/scenario/scenario.schema.json)')
    .option('--lp', 'print the MILP in LP format (as HiGHS is given it) instead')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { lp?: boolean; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('plan.explain', { path: file, ...(o.lp && { includeLp: true }) }),
      );
      if (o.json) return io.out(formatJson(r));
      if (o.lp) return io.out(r.lp ?? '');
      io.out(`${r.title}\nValues in ${r.valueUnit}; at most ${r.phaseCount} phases.\n\n`);
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
    });

  plan
    .command('solve')
    .description(
      'solve a scenario file: the optimal plan, or which red lines conflict and what relaxing each costs',
    )
    .argument('<file>', 'scenario JSON (see packages/formats/src/scenario/scenario.schema.json)')
    .option(
      '--time-limit <seconds>',
      `time limit for the whole answer (default ${planDefaults.solveTimeLimitSeconds})`,
      positiveNumber('--time-limit'),
    )
    .option('--json', 'print JSON')
    .action(async (file: string, o: { timeLimit?: number; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('plan.solve', {
          path: file,
          ...(o.timeLimit !== undefined && { timeLimitSeconds: o.timeLimit }),
        }),
      );
      if (r.status === 'error') context.setExitCode(1);
      if (o.json) return io.out(formatJson(r));
      io.out(
        `Status: ${r.status}${r.gap !== null && r.status === 'feasible' ? ` (gap ${(r.gap * 100).toFixed(1)} %)` : ''}; solved in ${r.solveSeconds.toFixed(2)} s\n`,
      );
      if (r.message) io.out(`${r.message}\n`);
      for (const phase of r.plan?.phases ?? [])
        io.out(
          `  phase ${phase.phase + 1} (day ${Math.round(phase.startDay)}): ${phase.measures.join(', ')}\n`,
        );
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
          : plan
            ? '  the plan checker found no violation\n'
            : '',
      );
    });

  plan
    .command('check')
    .description('check a plan file against a scenario, constraint by constraint (exit 1 when it breaks any)')
    .argument('<file>', 'scenario JSON')
    .argument(
      '<plan>',
      'plan JSON: plan solve --json output, {"measures":[{measure, phase, startDay?}]} or {"phases":[[ids]]}',
    )
    .option('--json', 'print JSON')
    .action(async (file: string, planFile: string, o: { json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('plan.check', { path: file, planPath: planFile }),
      );
      if (!r.valid) context.setExitCode(1);
      if (o.json) return io.out(formatJson(r));
      const { score } = r;
      io.out(
        `${r.valid ? 'Valid' : 'Not valid'}: ${r.violations.length} violation(s); days ${r.days === 'given' ? 'as given in the plan' : 'the earliest its phases allow'}\n`,
      );
      io.out(
        `Duration ${Math.round(score.durationDays)} days; peak exposure ${score.exposure.map((c) => `${c.party} ${c.peak.toFixed(1)}`).join(', ')}\n`,
      );
      for (const v of r.violations)
        io.out(`  ${v.constraint}${v.redLine ? ` ${v.redLine}` : ''}: ${v.message}\n`);
    });
}
