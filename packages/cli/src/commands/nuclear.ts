import {
  type BreakoutResult,
  breakoutDefaults,
  type ComplianceResult,
  monteCarloDefaults,
  type ProjectionResult,
  projectionDefaults,
  type StepsResult,
  shownDefault,
} from '@lockstep/contract';
import { type Command, Option } from 'commander';
import { formatJson, formatTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';

/** Parses a number option, naming the option and what is accepted when it is not one. */
function numberOption(name: string, accepted: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      throw new UsageError(`invalid ${name} "${value}": expected ${accepted}`);
    }
    return number;
  };
}

/**
 * Parses `--stock 60=408.6,20=0,4.5=8000`: assay in percent = kg U, comma-separated.
 * Exported for tests.
 */
export function parseStockList(value: string): { assayPercent: number; kgU: number }[] {
  return value.split(',').map((item, index) => {
    const match = /^\s*([0-9.]+)\s*=\s*([0-9.]+)\s*$/.exec(item);
    const assayPercent = Number(match?.[1]);
    const kgU = Number(match?.[2]);
    if (!match || !Number.isFinite(assayPercent) || !Number.isFinite(kgU)) {
      throw new UsageError(
        `invalid --stock item ${index + 1} "${item}": expected ASSAY=KG pairs separated by commas, e.g. 60=408.6,20=0,4.5=8000 (assay in % U-235, mass in kg U)`,
      );
    }
    return { assayPercent, kgU };
  });
}

/** Parses `--capacity IR-6=3:10` (SWU/yr per machine, low:high or one value), repeatable. */
function parseCapacity(value: string, previous: Record<string, { low: number; high: number }> = {}) {
  const match = /^([A-Za-z0-9-]+)=([0-9.]+)(?::([0-9.]+))?$/.exec(value.trim());
  if (!match) {
    throw new UsageError(
      `invalid --capacity "${value}": expected TYPE=SWU or TYPE=LOW:HIGH in SWU/yr per machine, e.g. IR-6=3:10`,
    );
  }
  const low = Number(match[2]);
  return { ...previous, [match[1]!]: { low, high: match[3] === undefined ? low : Number(match[3]) } };
}

const months = (value: number | null) => (value === null ? 'unreachable' : `${value.toFixed(2)} months`);
const num = (value: number | null) => (value === null ? 'unknown' : String(Math.round(value * 1000) / 1000));

function assumptionOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--sq <convention>',
        `significant quantity: u235 (IAEA) or wgu (default ${breakoutDefaults.sq})`,
      ).choices(['u235', 'wgu']),
    )
    .option(
      '--tails <percent>',
      `fixed tails assay, % U-235 (default ${breakoutDefaults.tailsPercent})`,
      numberOption('--tails', 'a percentage such as 0.3'),
    )
    .option(
      '--setup-months <months>',
      `cascade set-up time (default ${breakoutDefaults.setUpMonths})`,
      numberOption('--setup-months', 'a number of months'),
    )
    .addOption(
      new Option(
        '--capacity-point <point>',
        `point of each capacity range (default ${breakoutDefaults.capacityPoint})`,
      ).choices(['low', 'central', 'high']),
    )
    .option('--capacity <type=low:high>', 'per-machine SWU/yr for a machine type (repeatable)', parseCapacity)
    .option(
      '--seed <n>',
      `Monte Carlo seed (default ${monteCarloDefaults.seed})`,
      numberOption('--seed', 'a whole number'),
    )
    .option(
      '--samples <n>',
      `Monte Carlo samples (default ${shownDefault(monteCarloDefaults.samples)})`,
      numberOption('--samples', 'a whole number'),
    );
}

interface AssumptionFlags {
  sq?: 'u235' | 'wgu';
  tails?: number;
  setupMonths?: number;
  capacityPoint?: 'low' | 'central' | 'high';
  capacity?: Record<string, { low: number; high: number }>;
  seed?: number;
  samples?: number;
}

function assumptionsOf(flags: AssumptionFlags) {
  return {
    ...(flags.sq && { sq: flags.sq }),
    ...(flags.tails !== undefined && { tailsPercent: flags.tails }),
    ...(flags.setupMonths !== undefined && { setUpMonths: flags.setupMonths }),
    ...(flags.capacityPoint && { capacityPoint: flags.capacityPoint }),
    ...(flags.capacity && { machineCapacities: flags.capacity }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags.samples !== undefined && { samples: flags.samples }),
  };
}

function printAssumptions(context: CommandContext, result: { assumptions: BreakoutResult['assumptions'] }) {
  context.io.out('\nAssumptions:\n');
  for (const a of result.assumptions)
    context.io.out(`  - ${a.name}: ${a.value} ${a.unit === '-' ? '' : a.unit} (${a.basis})\n`);
}

function printBreakout(context: CommandContext, r: BreakoutResult) {
  const range = r.monthsRange
    ? ` (p5 ${r.monthsRange.p5.toFixed(2)}, p95 ${r.monthsRange.p95.toFixed(2)}; ${r.monthsRange.samples} samples, seed ${r.monthsRange.seed})`
    : '';
  context.io.out(
    `Breakout ${r.asOf ? `on ${r.asOf} (stored data)` : '(explicit inputs)'}: ${months(r.months)}${range}\n` +
      `Significant quantity (${r.sq}): ${r.significantQuantity.definition}\n` +
      `Separative work: ${r.swu === null ? 'n/a' : `${r.swu.toFixed(1)} SWU`}; capacity ${Math.round(r.capacitySwuPerYear.low)}-${Math.round(r.capacitySwuPerYear.high)} SWU/yr\n`,
  );
  if (!r.reachable) context.io.out(`Not reachable: ${r.unreachableReason}\n`);
  for (const s of r.sources) context.io.out(`Source: ${s.file} line ${s.line} (${s.source})\n`);
  printAssumptions(context, r);
}

function printCompliance(context: CommandContext, r: ComplianceResult) {
  context.io.out(`JCPOA limits on ${r.asOf}\n`);
  context.io.out(
    formatTable(
      ['LIMIT', 'JCPOA', 'ACTUAL', 'EXCESS', 'STATUS', 'SOURCE'],
      r.limits.map((l) => [
        l.id,
        `${l.limit} ${l.unit.split(' (')[0]}`,
        num(l.actual),
        num(l.excess),
        l.status,
        l.source ? `${l.source.file} line ${l.source.line}` : l.reason,
      ]),
    ),
  );
}

function printSteps(context: CommandContext, r: StepsResult) {
  context.io.out(
    `Steps back on ${r.asOf}: breakout now ${months(r.breakoutNow)}, with every step ${months(r.breakoutFullSet)} (goal ${r.goal.months} months: ${r.goal.metByFullSet === null ? 'unknown' : r.goal.metByFullSet ? 'met' : 'not met'})\n`,
  );
  context.io.out(
    formatTable(
      ['ID', 'RESTORES', 'ALONE', 'MARGINAL', 'ACTION'],
      r.steps.map((s) => [
        s.id,
        s.restores.join(','),
        months(s.breakoutAlone),
        num(s.marginalInFullSet),
        s.action,
      ]),
    ),
  );
  for (const note of r.notes) context.io.out(`Note: ${note}\n`);
}

function printProjection(context: CommandContext, r: ProjectionResult) {
  context.io.out(`Projection ${r.from} to ${r.until}: ${r.window.explanation}\n`);
  context.io.out(
    formatTable(
      ['MONTH', 'BASIS', 'TOTAL KG U', 'BREAKOUT', 'FULL RETURN', 'WITH RE-INSTALLED'],
      r.months.map((m) => [
        m.date,
        m.basis,
        num((m.stockpile as { totalKgU: number | null }).totalKgU),
        months(m.breakoutMonths),
        months(m.afterFullReturn.permittedOnly),
        months(m.afterFullReturn.withReinstalled),
      ]),
    ),
  );
  printAssumptions(context, r);
}

/** `lockstep nuclear ...`: compliance, separative work, breakout, steps back and projection. */
export function registerNuclearCommands(program: Command, context: CommandContext): void {
  const nuclear = program
    .command('nuclear')
    .description(
      'nuclear status against the JCPOA limits, separative work, breakout time and the closing window',
    );

  nuclear
    .command('swu')
    .description('separative work, feed and tails for one enrichment job')
    .requiredOption(
      '--feed <percent>',
      'feed assay, % U-235 (0.711 natural)',
      numberOption('--feed', 'a percentage such as 0.711'),
    )
    .requiredOption(
      '--product <percent>',
      'product assay, % U-235',
      numberOption('--product', 'a percentage such as 90'),
    )
    .requiredOption(
      '--tails <percent>',
      'tails assay, % U-235',
      numberOption('--tails', 'a percentage such as 0.3'),
    )
    .requiredOption('--product-kg <kg>', 'product mass, kg U', numberOption('--product-kg', 'a mass in kg'))
    .option('--json', 'print JSON')
    .action(
      async (o: { feed: number; product: number; tails: number; productKg: number; json?: boolean }) => {
        const r = await context.withWorkbench((wb) =>
          wb.call('nuclear.swu', {
            feedPercent: o.feed,
            productPercent: o.product,
            tailsPercent: o.tails,
            productKg: o.productKg,
          }),
        );
        if (o.json) return context.io.out(formatJson(r));
        context.io.out(
          `${r.productKg} kg U at ${o.product} % from ${o.feed} % feed, ${o.tails} % tails:\n` +
            `  feed ${r.feedKg.toFixed(3)} kg U, tails ${r.tailsKg.toFixed(3)} kg U, separative work ${r.swu.toFixed(3)} SWU\n` +
            `  (${r.swuPerKgProduct.toFixed(3)} SWU and ${r.feedPerKgProduct.toFixed(3)} kg feed per kg product)\n  ${r.formula}\n`,
        );
      },
    );

  assumptionOptions(
    nuclear
      .command('breakout')
      .description(
        'time to one significant quantity of 90 % uranium, on the stored data or on explicit inputs',
      )
      .option('--as-of <date>', 'date of the stored data to use (default: the latest IAEA report)')
      .option(
        '--stock <list>',
        'explicit stocks: ASSAY=KG pairs, e.g. 60=408.6,20=0,4.5=8000',
        parseStockList,
      )
      .option(
        '--capacity-swu <swu>',
        'explicit capacity, SWU/yr (with --stock)',
        numberOption('--capacity-swu', 'SWU per year'),
      ),
  )
    .option('--json', 'print JSON')
    .action(
      async (
        o: AssumptionFlags & {
          asOf?: string;
          stock?: { assayPercent: number; kgU: number }[];
          capacitySwu?: number;
          json?: boolean;
        },
      ) => {
        const r = await context.withWorkbench((wb) =>
          wb.call('nuclear.breakout', {
            ...assumptionsOf(o),
            ...(o.asOf && { asOf: o.asOf }),
            ...(o.stock && { stock: o.stock }),
            ...(o.capacitySwu !== undefined && { capacitySwuPerYear: o.capacitySwu }),
          }),
        );
        if (o.json) return context.io.out(formatJson(r));
        printBreakout(context, r);
      },
    );

  nuclear
    .command('compliance')
    .description('every JCPOA limit on a date: latest figure, limit, excess, status and source row')
    .option('--as-of <date>', 'date of the assessment (default: the latest IAEA report)')
    .option('--json', 'print JSON')
    .action(async (o: { asOf?: string; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('nuclear.compliance', o.asOf ? { asOf: o.asOf } : {}),
      );
      if (o.json) return context.io.out(formatJson(r));
      printCompliance(context, r);
    });

  assumptionOptions(
    nuclear
      .command('steps')
      .description('the steps back to each limit, with stable ids and the breakout time each restores')
      .option('--as-of <date>', 'date of the state to step back from (default: the latest IAEA report)'),
  )
    .option('--json', 'print JSON')
    .action(async (o: AssumptionFlags & { asOf?: string; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('nuclear.steps', { ...assumptionsOf(o), ...(o.asOf && { asOf: o.asOf }) }),
      );
      if (o.json) return context.io.out(formatJson(r));
      printSteps(context, r);
    });

  assumptionOptions(
    nuclear
      .command('project')
      .description('stockpile and breakout by month, and when a full return stops restoring the goal')
      .requiredOption('--until <date>', 'last date of the projection')
      .option('--from <date>', 'first month (default: the latest IAEA report)')
      .option(
        '--k <reports>',
        `reports each trend is fitted on (default ${projectionDefaults.trendReports})`,
        numberOption('--k', 'a whole number of at least 2'),
      )
      .option(
        '--reinstall-months <months>',
        `re-installation time of stored advanced machines (default ${projectionDefaults.reinstallationMonths})`,
        numberOption('--reinstall-months', 'a number of months'),
      )
      .option(
        '--goal-months <months>',
        `breakout goal (default ${projectionDefaults.goalMonths})`,
        numberOption('--goal-months', 'a number of months'),
      ),
  )
    .option('--json', 'print JSON')
    .action(
      async (
        o: AssumptionFlags & {
          until: string;
          from?: string;
          k?: number;
          reinstallMonths?: number;
          goalMonths?: number;
          json?: boolean;
        },
      ) => {
        const r = await context.withWorkbench((wb) =>
          wb.call('nuclear.project', {
            ...assumptionsOf(o),
            until: o.until,
            ...(o.from && { from: o.from }),
            ...(o.k !== undefined && { trendReports: o.k }),
            ...(o.reinstallMonths !== undefined && { reinstallationMonths: o.reinstallMonths }),
            ...(o.goalMonths !== undefined && { goalMonths: o.goalMonths }),
          }),
        );
        if (o.json) return context.io.out(formatJson(r));
        printProjection(context, r);
      },
    );
}
