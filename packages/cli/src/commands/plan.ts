import type { Command } from 'commander';
import { formatJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';

/** `lockstep plan ...`: sequencing scenarios solved with HiGHS. */
export function registerPlanCommands(program: Command, context: CommandContext): void {
  const plan = program
    .command('plan')
    .description('sequencing: phased plans of both sides’ measures under their red lines');
  plan
    .command('solve')
    .description(
      'solve a scenario file: the optimal plan, or which red lines conflict and what relaxing each costs',
    )
    .argument('<file>', 'scenario JSON (see packages/formats/src/scenario/scenario.schema.json)')
    .option('--time-limit <seconds>', 'solver time limit (default 60)', (value: string) => {
      const seconds = Number(value);
      if (!(seconds > 0))
        throw new UsageError(`invalid --time-limit "${value}": expected a positive number of seconds`);
      return seconds;
    })
    .option('--json', 'print JSON')
    .action(async (file: string, o: { timeLimit?: number; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('plan.solve', {
          path: file,
          ...(o.timeLimit !== undefined && { timeLimitSeconds: o.timeLimit }),
        }),
      );
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(
        `Status: ${r.status}${r.gap !== null && r.status === 'feasible' ? ` (gap ${(r.gap * 100).toFixed(1)} %)` : ''}; solved in ${r.solveSeconds.toFixed(2)} s\n`,
      );
      if (r.message) context.io.out(`${r.message}\n`);
      const phases =
        (r.plan as { phases?: { phase: number; measures: string[] }[] } | undefined)?.phases ?? [];
      for (const phase of phases) context.io.out(`  phase ${phase.phase}: ${phase.measures.join(', ')}\n`);
      for (const conflict of r.conflicts ?? []) context.io.out(`  conflict: ${conflict.join(' + ')}\n`);
      if (r.violations.length > 0)
        context.io.out(`  the plan checker found ${r.violations.length} violations\n`);
    });
}
