import type {
  BreakoutResult,
  CapacityResult,
  ComplianceResult,
  IaeaReports,
  NuclearHistory,
  ProgrammeEvents,
  ProjectionResult,
  PublishedEstimates,
  StepsResult,
} from '@lockstep/contract';
import { formatTable } from '../output.ts';
import type { CommandContext } from './command-context.ts';
import type { CommandOutputs } from './operation-commands.ts';

const months = (value: number | null) => (value === null ? 'unreachable' : `${value.toFixed(2)} months`);
const num = (value: number | null) => (value === null ? 'unknown' : String(Math.round(value * 1000) / 1000));

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

/** How the nuclear commands print their results. */
function printCapacity(context: CommandContext, r: CapacityResult) {
  const latest = r.coverage.latestReport ? `, latest IAEA report ${r.coverage.latestReport}` : '';
  context.io.out(
    `Enrichment plants on ${r.asOf}${latest}: ${r.enriching} machines enriching, ${Math.round(r.capacitySwuPerYear.low)}-${Math.round(r.capacitySwuPerYear.high)} SWU/yr; count ${r.coverage.verdict}\n`,
  );
  const rows = r.sites.flatMap((site) => {
    const where = `${site.state}${site.status && site.status !== 'reported' ? ` (${site.status})` : ''}`;
    if (site.machines.length === 0)
      return [
        [
          site.site,
          where,
          site.state === 'none' ? 'never counted' : 'none enriching',
          '',
          site.asOf ?? '',
          '',
        ],
      ];
    return site.machines.map((m) => [
      site.site,
      where,
      m.machineType,
      `${m.bound === 'upper' ? '≤ ' : ''}${m.enriching}`,
      m.asOf,
      `${m.source.file} line ${m.source.line}`,
    ]);
  });
  context.io.out(formatTable(['PLANT', 'COUNT', 'TYPE', 'ENRICHING', 'AS OF', 'SOURCE'], rows));
  if (r.coverage.missing.length > 0) {
    context.io.out('\nWhat the count lacks:\n');
    for (const line of r.coverage.missing) context.io.out(`  - ${line}\n`);
  }
  printAssumptions(context, r);
}

/** An estimate's figures as its author gave them: `3-4 months`, `up to 1 weeks`, `12 days`, `no figure`. */
function estimateFigure(e: PublishedEstimates['estimates'][number]): string {
  const unit = (value: number) => (value === 1 ? e.unit.slice(0, -1) : e.unit);
  if (e.low !== null && e.high !== null) return `${e.low}-${e.high} ${e.unit}`;
  if (e.low !== null) return `${e.low} ${unit(e.low)}`;
  if (e.high !== null) return `up to ${e.high} ${unit(e.high)}`;
  return 'no figure';
}

function printEstimates(context: CommandContext, r: PublishedEstimates) {
  context.io.out(
    formatTable(
      ['DATE', 'ESTIMATE', 'MONTHS', 'SQ', 'AUTHOR', 'SOURCE'],
      r.estimates.map((e) => [
        e.date,
        estimateFigure(e),
        e.monthsLow === null && e.monthsHigh === null
          ? ''
          : [e.monthsLow, e.monthsHigh]
              .filter((m) => m !== null)
              .map((m) => m!.toFixed(2))
              .join('-'),
        e.sqConvention,
        e.author,
        `${e.source.file} line ${e.source.line}`,
      ]),
    ),
  );
  context.io.out(
    `\n${r.estimates.length} estimate(s). Each row's words and source: --json. Weeks are 7 days and months 30.44 days.\n`,
  );
}

function printEvents(context: CommandContext, r: ProgrammeEvents) {
  context.io.out(
    formatTable(
      ['DATE', 'KIND', 'EVENT', 'SOURCE'],
      r.events.map((e) => [e.date, e.kind, e.event, `${e.source.file} line ${e.source.line}`]),
    ),
  );
}

/** A breakout figure in days under two months, else in months: `4.2 d`, `3.1 mo`. */
function shortMonths(value: number | null): string {
  if (value === null) return '–';
  return value < 2 ? `${(value * (365.25 / 12)).toFixed(1)} d` : `${value.toFixed(1)} mo`;
}

function printReports(context: CommandContext, r: IaeaReports) {
  for (const report of r.reports) {
    context.io.out(
      `${report.date}  ${report.report} (${report.kind}; ${report.source.file} line ${report.source.line})\n`,
    );
    if (report.figures.length === 0) context.io.out('    no figure from this report is in the data\n');
    for (const f of report.figures) {
      context.io.out(
        `    ${f.what}: ${f.text}  [${f.source.file} line ${f.source.line}${f.matchedBy === 'date' ? ', matched by date' : ''}]\n`,
      );
    }
  }
  context.io.out(
    `\n${r.reports.length} report(s). Each row's source and note: --json. The stockpile series does not name its report: its rows are matched to the first report dated within 45 days after the verification date.\n`,
  );
}

/** A history row's report, short: its GOV number, or its kind. */
function reportName(report: NuclearHistory['reports'][number]['report']): string {
  return report.report.startsWith('GOV/') ? report.report : report.kind;
}

/** The stockpile of a history row: its total, marked `*` when carried from an earlier report. */
function stockText(stock: NuclearHistory['reports'][number]['stockpile']): string {
  if (stock === null) return '–';
  const total = stock.totalKgU.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return stock.fromThisReport ? total : `${total}*`;
}

function printHistory(context: CommandContext, r: NuclearHistory) {
  context.io.out(
    `Breakout at each IAEA report, as of its date (SQ ${r.sq}; ${r.samples} Monte Carlo samples, seed ${r.seed}), with the estimates published until the next report\n`,
  );
  const rows: string[][] = [];
  for (const e of r.estimatesBefore)
    rows.push(['', '', '', '', '', '', '', '', `${e.date} ${estimateFigure(e)}: ${e.author}`]);
  for (const report of r.reports) {
    const published = report.estimates.map((e) => `${e.date} ${estimateFigure(e)}: ${e.author}`);
    rows.push([
      report.asOf,
      reportName(report.report),
      stockText(report.stockpile),
      String(report.machinesEnriching),
      report.coverage,
      report.breakout.p50 === null
        ? report.stockpile === null
          ? 'no stock figure'
          : 'unreachable'
        : shortMonths(report.breakout.p50),
      report.breakout.p5 === null
        ? ''
        : `${shortMonths(report.breakout.p5)}–${shortMonths(report.breakout.p95)}`,
      report.breaches.join(','),
      published[0] ?? '',
    ]);
    for (const more of published.slice(1)) rows.push(['', '', '', '', '', '', '', '', more]);
  }
  context.io.out(
    formatTable(
      [
        'AS OF',
        'IAEA REPORT',
        'STOCK KG U',
        'ENRICHING',
        'COUNT',
        'BREAKOUT',
        'P5–P95',
        'IN BREACH',
        'PUBLISHED',
      ],
      rows,
    ),
  );
  context.io.out(
    "\nSTOCK: * when this report gives no total in the data and the latest earlier one is used. COUNT: complete when the report counts every plant, partial when a count is carried from an older report (--json lists what is missing and each figure's row).\n",
  );
}

export const nuclearOutputs: CommandOutputs = {
  'nuclear.history': { print: printHistory },
  'nuclear.reports': { print: printReports },
  'nuclear.estimates': { print: printEstimates },
  'nuclear.events': { print: printEvents },
  'nuclear.capacity': { print: printCapacity },
  'nuclear.swu': {
    print(context, r, input) {
      context.io.out(
        `${r.productKg} kg U at ${input.productPercent} % from ${input.feedPercent} % feed, ${input.tailsPercent} % tails:\n` +
          `  feed ${r.feedKg.toFixed(3)} kg U, tails ${r.tailsKg.toFixed(3)} kg U, separative work ${r.swu.toFixed(3)} SWU\n` +
          `  (${r.swuPerKgProduct.toFixed(3)} SWU and ${r.feedPerKgProduct.toFixed(3)} kg feed per kg product)\n  ${r.formula}\n`,
      );
    },
  },
  'nuclear.breakout': { print: printBreakout },
  'nuclear.compliance': { print: printCompliance },
  'nuclear.steps': { print: printSteps },
  'nuclear.project': { print: printProjection },
};
