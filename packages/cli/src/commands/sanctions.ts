import { searchTimeBudgetMs } from '@lockstep/app';
import { defaultPositions, entitySearchQueryMaxChars, sanctionsDefaults } from '@lockstep/contract';
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
      'import one OFAC list (sdn/alt/add/sdn_comments .csv or .pip, sdn.xml, sdn_advanced.xml, FollowTheMoney .json lines) as a snapshot',
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
    .command('positions')
    .description(
      'the positions of data/sanctions/positions.json: label, holder, categories they assign, and each comparison’s default',
    )
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await context.withWorkbench((wb) => wb.call('sanctions.positions', {}));
      if (o.json) return context.io.out(formatJson(r));
      const defaultFor = (id: string) =>
        Object.entries(r.defaults)
          .filter(([, position]) => position === id)
          .map(([comparison]) => comparison)
          .join(',');
      context.io.out(
        formatTable(
          ['ID', 'LABEL', 'HOLDER', 'DATE', 'CATEGORIES', 'DEFAULT FOR'],
          r.positions.map((p) => [
            p.id,
            p.label,
            p.holder,
            p.date,
            p.categories.map((c) => c.id).join(','),
            defaultFor(p.id),
          ]),
        ),
      );
      context.io.out(`\nCategories: ${r.categories.map((c) => `${c.id} (${c.label})`).join('; ')}\n`);
    });

  sanctions
    .command('export')
    .description(
      "write one snapshot’s entries to stdout as CSV (a row per entry; a text cell starting with = + - @, a tab or CR gets a leading ' so spreadsheets never run it) or JSON",
    )
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
      'find parties by name or alias (any spelling), with designations, history and category per position',
    )
    .argument(
      '<query...>',
      `a name in any spelling, e.g. Muhammad Jawad Zareef (at most ${entitySearchQueryMaxChars} characters; the search answers within ${searchTimeBudgetMs / 1000} s or exits 1)`,
    )
    .option('--snapshot <dataset>', 'snapshot to search (default: the newest SDN list)')
    .option('--limit <n>', `most matches (default ${sanctionsDefaults.searchLimit})`, wholeNumber('--limit'))
    .option('--json', 'print JSON')
    .action(async (query: string[], o: { snapshot?: string; limit?: number; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.entity', {
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
          `\n${m.score.toFixed(3)}  ${m.name}  [${m.programs.join('] [')}]  entry ${m.entryNumber}, ${m.type}${m.layered ? ', LAYERED' : ''}\n` +
            `       matched ${m.matchedAs}${m.aliasType ? ` (${m.aliasType})` : ''}: ${m.matchedName}\n` +
            m.why.map((w) => `       ${w}\n`).join(''),
        );
        if (m.lineage.length > 1)
          context.io.out(`       earlier entry numbers: ${m.lineage.slice(0, -1).join(', ')}\n`);
        for (const d of m.designations)
          context.io.out(`       ${d.program}: imposed ${d.imposed ?? 'date unknown'}\n`);
        for (const d of m.pastDesignations) context.io.out(`       was ${d.program}: ${d.how}, ${d.ended}\n`);
        context.io.out(
          `       timeline: ${m.timeline.map((t) => `${t.snapshot.replace(/^ofac-/, '')} ${t.programs ? t.programs.join('+') : '-'}`).join(' | ')}\n`,
        );
        for (const p of m.positions) {
          context.io.out(`       ${p.position}: ${p.relieved ? 'relieved' : 'not relieved'}\n`);
          for (const c of p.classifications)
            context.io.out(`         ${c.program} -> ${c.category} (${c.rule}: ${c.reason})\n`);
        }
      }
    });

  sanctions
    .command('history')
    .description(
      'the designation history across the stored snapshots: events, re-listed parties, replay checks',
    )
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await context.withWorkbench((wb) => wb.call('sanctions.history', {}));
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(
        `Snapshots: ${r.snapshots.map((s) => `${s.label} (${s.earliestDate ? `${s.earliestDate}..` : ''}${s.date})`).join(', ')}\n`,
      );
      context.io.out(
        `Entries seen: ${r.entries}; events: ${Object.entries(r.events)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n`,
      );
      context.io.out(
        `Re-listed under a new entry number: ${r.relistingLinks.length} links; change-log replay discrepancies: ${r.discrepancies}\n`,
      );
      for (const l of r.relistingLinks.slice(0, 20)) {
        context.io.out(
          `  ${l.from} -> ${l.to} (confidence ${l.confidence.toFixed(2)}): ${l.evidence.join('; ')}\n`,
        );
      }
      if (r.relistingLinks.length > 20)
        context.io.out(`  ... ${r.relistingLinks.length - 20} more (--json for all)\n`);
    });

  sanctions
    .command('classify')
    .description(
      'apply a position to every designation in its scope: category, rule and evidence, relief totals',
    )
    .requiredOption('--position <id>', 'a position id (lockstep sanctions positions lists them)')
    .option('--snapshot <dataset>', 'snapshot (default: the newest SDN list)')
    .option(
      '--limit <n>',
      `most parties listed (default ${sanctionsDefaults.classifyLimit}; totals count all)`,
      wholeNumber('--limit'),
    )
    .option('--json', 'print JSON')
    .action(async (o: { position: string; snapshot?: string; limit?: number; json?: boolean }) => {
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.classify', {
          position: o.position,
          ...(o.snapshot && { snapshot: o.snapshot }),
          ...(o.limit !== undefined && { limit: o.limit }),
        }),
      );
      if (o.json) return context.io.out(formatJson(r));
      const t = r.totals;
      context.io.out(
        `${r.position.id} on ${r.snapshot.dataset}: ${t.entities} parties, ${t.designations} designations: ` +
          `lift ${t.byCategory.lift}, keep ${t.byCategory.keep}, difficult ${t.byCategory.difficult}\n` +
          `Effectively relieved: ${t.entitiesRelieved}; layered: ${t.layeredEntities}, of which left sanctioned: ${t.layeredLeftSanctioned}\n`,
      );
      context.io.out(
        formatTable(
          ['ENTRY', 'RELIEF', 'LAYERED', 'BLOCKED BY', 'NAME'],
          r.entities.map((e) => [
            String(e.entryNumber),
            e.relieved ? 'relieved' : e.partlyRelieved ? 'partly' : 'none',
            e.layered ? 'yes' : '',
            e.blockedBy.join(','),
            e.name,
          ]),
        ),
      );
    });

  sanctions
    .command('gap')
    .description('where two positions differ, designation by designation, grouped by program and basis')
    .option(
      '--positions <a,b>',
      'the two positions',
      `${defaultPositions.gapFirst},${defaultPositions.gapSecond}`,
    )
    .option('--snapshot <dataset>', 'snapshot (default: the newest SDN list)')
    .option(
      '--limit <n>',
      `most designations listed (default ${sanctionsDefaults.gapLimit})`,
      wholeNumber('--limit'),
    )
    .option('--json', 'print JSON')
    .action(async (o: { positions: string; snapshot?: string; limit?: number; json?: boolean }) => {
      const [first, second, ...rest] = o.positions.split(',').map((p) => p.trim());
      if (!first || !second || rest.length > 0) {
        throw new UsageError(
          `invalid --positions "${o.positions}": expected two position ids, e.g. ${defaultPositions.gapFirst},${defaultPositions.gapSecond}`,
        );
      }
      const r = await context.withWorkbench((wb) =>
        wb.call('sanctions.gap', {
          first,
          second,
          ...(o.snapshot && { snapshot: o.snapshot }),
          ...(o.limit !== undefined && { limit: o.limit }),
        }),
      );
      if (o.json) return context.io.out(formatJson(r));
      context.io.out(
        `${r.first} vs ${r.second} on ${r.snapshot.dataset}: ${r.designations} designations differ ` +
          `(${Object.entries(r.moves)
            .map(([k, v]) => `${k}: ${v}`)
            .join(
              ', ',
            )}); relieved only under ${r.first}: ${r.relievedOnlyByFirst}, only under ${r.second}: ${r.relievedOnlyBySecond}\n`,
      );
      context.io.out(
        formatTable(
          ['PROGRAM', 'BASIS', 'DESIGNATIONS', 'MOVES'],
          r.byProgram.map((p) => [
            p.program,
            p.basis,
            String(p.designations),
            Object.entries(p.moves)
              .map(([k, v]) => `${k} ${v}`)
              .join('; '),
          ]),
        ),
      );
    });
}
