import { screeningResultCsv } from '@lockstep/app';
import { keepEntityPack } from '../entity-pack-place.ts';
import { formatTable } from '../output.ts';
import type { CommandOutputs } from './operation-commands.ts';
import { printEntityResult } from './sanctions-entity-output.ts';

/** How the sanctions commands print their results. */
export const sanctionsOutputs: CommandOutputs = {
  'sanctions.import': {
    print(context, r) {
      context.io.out(
        r.alreadyImported
          ? `${r.dataset} (${r.date}) was already imported from these exact files: nothing changed.\n`
          : `Imported ${r.entries.toLocaleString('en')} entries as ${r.dataset} (list date ${r.date}: ${r.dateBasis}).\n`,
      );
      for (const f of r.files)
        context.io.out(`  ${f.role}: ${f.path} (${f.rowCount} records, sha256 ${f.sha256.slice(0, 12)})\n`);
    },
  },
  'sanctions.screen-file': {
    print(context, r, _input, flags) {
      // Skipped rows go to stderr, so that the CSV or the listing on stdout holds only screened rows.
      for (const s of r.skipped) context.io.err(`lockstep: skipped line ${s.line}: ${s.reason}\n`);
      if (flags.csv) return context.io.out(screeningResultCsv(r));
      context.io.out(
        `Screened ${r.screened} name${r.screened === 1 ? '' : 's'} against ${r.snapshot.dataset} (${r.snapshot.date}), threshold ${r.threshold}: ` +
          `${r.withCandidates} with candidates${r.skipped.length ? `, ${r.skipped.length} bad rows skipped` : ''}.\n`,
      );
      for (const row of r.rows) {
        const given = [row.type, row.country, row.birthDate && `born ${row.birthDate}`].filter(Boolean);
        context.io.out(
          `\nline ${row.line ?? row.index + 1}: ${row.name}${given.length ? ` (${given.join(', ')})` : ''}\n`,
        );
        if (row.candidates.length === 0) context.io.out(`  no candidate at or above ${r.threshold}\n`);
        for (const c of row.candidates) {
          context.io.out(
            `  ${c.score.toFixed(3)}  ${c.name}  [${c.programs.join('] [')}]  entry ${c.entryNumber}, ${c.type}\n` +
              `         matched ${c.nameSource}: ${c.matchedName}\n` +
              c.why.map((w) => `         ${w}\n`).join(''),
          );
        }
      }
    },
  },
  'sanctions.snapshots': {
    print(context, r) {
      context.io.out(
        formatTable(
          ['DATASET', 'DATE', 'ENTRIES'],
          r.snapshots.map((s) => [s.dataset, s.date, String(s.entryCount)]),
        ),
      );
    },
  },
  'sanctions.positions': {
    print(context, r) {
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
    },
  },
  'sanctions.export': {
    print(context, r) {
      context.io.out(r.body);
    },
  },
  'sanctions.entity': {
    print(context, r) {
      printEntityResult(context.io.out, r);
    },
    keep: keepEntityPack,
  },
  'sanctions.history': {
    print(context, r) {
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
    },
  },
  'sanctions.classify': {
    print(context, r) {
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
    },
  },
  'sanctions.gap': {
    print(context, r) {
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
    },
  },
};
