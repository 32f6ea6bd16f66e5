import { type Command, Option } from 'commander';
import { formatJson, formatTable } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './command-context.ts';

function wholeNumber(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1)
      throw new UsageError(`invalid ${name} "${value}": expected a whole number of at least 1`);
    return number;
  };
}

/** `lockstep sanctions ...`: import OFAC lists, list the snapshots, search entities. */
export function registerSanctionsCommands(program: Command, context: CommandContext): void {
  const sanctions = program
    .command('sanctions')
    .description('OFAC sanctions lists: import snapshots, list them, search entities by name or alias');

  sanctions
    .command('import')
    .description(
      'import one OFAC list (sdn/alt/add/sdn_comments .csv or .pip, sdn.xml, sdn_advanced.xml) as a snapshot',
    )
    .argument('<paths...>', "the list's files, or the folder that holds them")
    .option('--as-of <date>', 'list date, when the files carry none (YYYY-MM-DD)')
    .option('--name <name>', 'dataset name (default ofac-sdn-DATE or ofac-consolidated-DATE)')
    .option('--json', 'print JSON')
    .action(async (paths: string[], o: { asOf?: string; name?: string; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.import', {
          paths,
          ...(o.asOf && { asOf: o.asOf }),
          ...(o.name && { name: o.name }),
        }),
      );
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(
        r.alreadyImported
          ? `${r.dataset} (${r.date}) was already imported from these exact files: nothing changed.\n`
          : `Imported ${r.entries.toLocaleString('en')} entries as ${r.dataset} (list date ${r.date}: ${r.dateBasis}).\n`,
      );
      for (const f of r.files)
        context.io.out(`  ${f.role}: ${f.path} (${f.rowCount} records, sha256 ${f.sha256.slice(0, 12)})\n`);
    });

  sanctions
    .command('snapshots')
    .description('the stored list snapshots, oldest first')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await context.withWorkbench((wb) => wb.call('sanctions.snapshots', {}));
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(
        formatTable(
          ['DATASET', 'DATE', 'ENTRIES'],
          r.snapshots.map((s) => [s.dataset, s.date, String(s.entryCount)]),
        ),
      );
    });

  sanctions
    .command('export')
    .description('write one snapshot’s entries to stdout as CSV (a row per entry) or JSON')
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
    .option('--snapshot <dataset>', 'snapshot to export (default: the newest SDN list)')
    .action(async (o: { format: 'csv' | 'json'; snapshot?: string }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.export', { format: o.format, ...(o.snapshot && { snapshot: o.snapshot }) }),
      );
      context.io.out(r.body);
    });

  sanctions
    .command('entity')
    .description(
      'find entries by name or alias, tolerant of transliteration and word order, with why each matched',
    )
    .argument('<query...>', 'a name in any spelling, e.g. Muhammad Jawad Zareef')
    .option('--snapshot <dataset>', 'snapshot to search (default: the newest SDN list)')
    .option('--limit <n>', 'most matches (default 20)', wholeNumber('--limit'))
    .option('--json', 'print JSON')
    .action(async (query: string[], o: { snapshot?: string; limit?: number; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.search', {
          q: query.join(' '),
          ...(o.snapshot && { snapshot: o.snapshot }),
          ...(o.limit !== undefined && { limit: o.limit }),
        }),
      );
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(`Matches for "${r.query}" in ${r.snapshot.dataset} (${r.snapshot.date}):\n`);
      if (r.matches.length === 0) context.io.out('  none at or above the score threshold\n');
      for (const m of r.matches) {
        context.io.out(
          `\n${m.score.toFixed(3)}  ${m.name}  [${m.programs.join('] [')}]  entry ${m.entryNumber}, ${m.type}\n` +
            `       matched ${m.matchedAs}${m.aliasType ? ` (${m.aliasType})` : ''}: ${m.matchedName}\n` +
            m.why.map((w) => `       ${w}\n`).join(''),
        );
      }
    });
}
