import {
  isoDate,
  jcpoaRelations,
  type ProgramCatalogue,
  type ProgramDefinition,
  programCatalogue,
  type SanctionsSource,
  sanctionsBases,
} from '@lockstep/core';
import { z } from 'zod';
import {
  dateText,
  fields,
  nonEmptyList,
  nonEmptyText,
  oneOf,
  parseJsonDataFile,
  yesOrNo,
} from '../json/json-data-file.ts';

/** A source cited by id from the facts. */
const SourceJson = fields({
  id: nonEmptyText(),
  title: nonEmptyText(),
  url: nonEmptyText().optional(),
  date: dateText().optional(),
});

/** A legal authority of a program, with the source that gives it. */
const AuthorityJson = fields({
  citation: nonEmptyText().describe('e.g. E.O. 13599'),
  date: dateText().optional(),
  source: nonEmptyText().describe('The id of a source in sources'),
});

/** One OFAC program tag: its authorities, basis and relation to the JCPOA, each with its source. */
const ProgramJson = fields({
  tag: nonEmptyText().describe('The OFAC program tag, e.g. IRAN'),
  name: nonEmptyText(),
  iranRelated: yesOrNo(),
  authorities: nonEmptyList(AuthorityJson, 'legal authority'),
  basis: oneOf(sanctionsBases),
  basisNote: nonEmptyText().optional(),
  basisSource: nonEmptyText().describe('The id of a source in sources'),
  jcpoa: oneOf(jcpoaRelations),
  jcpoaNote: nonEmptyText().optional(),
  jcpoaSource: nonEmptyText().describe('The id of a source in sources'),
  renamedTo: nonEmptyText().optional().describe('The tag that replaced this one, itself in the catalogue'),
});

/**
 * The program catalogue (`data/sanctions/programs.json`) as zod reads it. Parsing with it is the
 * validation; `programs.schema.json` beside the file is generated from it. Beyond what JSON Schema states:
 * source ids and tags are unique, every cited source is given, and `renamedTo` names a tag of the catalogue.
 */
export const ProgramCatalogueJson = fields({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
  description: nonEmptyText().optional(),
  sources: nonEmptyList(SourceJson, 'source'),
  programs: nonEmptyList(ProgramJson, 'program'),
})
  .superRefine((file, context) => {
    const sourceIds = new Map<string, number>();
    file.sources.forEach((source, index) => {
      const first = sourceIds.get(source.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['sources', index, 'id'],
          message: `"${source.id}" is given twice (first at sources[${first}])`,
        });
      } else sourceIds.set(source.id, index);
    });
    const cite = (id: string, path: (string | number)[]) => {
      if (!sourceIds.has(id))
        context.addIssue({ code: 'custom', path, message: `"${id}" is not the id of a source in sources` });
    };
    const tags = new Map<string, number>();
    file.programs.forEach((program, index) => {
      const first = tags.get(program.tag);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['programs', index, 'tag'],
          message: `"${program.tag}" is given twice (first at programs[${first}])`,
        });
      } else tags.set(program.tag, index);
      program.authorities.forEach((authority, i) => {
        cite(authority.source, ['programs', index, 'authorities', i, 'source']);
      });
      cite(program.basisSource, ['programs', index, 'basisSource']);
      cite(program.jcpoaSource, ['programs', index, 'jcpoaSource']);
    });
    file.programs.forEach((program, index) => {
      if (program.renamedTo !== undefined && !tags.has(program.renamedTo)) {
        context.addIssue({
          code: 'custom',
          path: ['programs', index, 'renamedTo'],
          message: `"${program.renamedTo}" is not a tag of the catalogue`,
        });
      }
    });
  })
  .meta({
    title: 'Lockstep OFAC program catalogue',
    description:
      'OFAC program tags with their legal authorities, basis and relation to the JCPOA, each with its source ' +
      '(data/sanctions/programs.json). Generated from the zod schema in ' +
      'packages/formats/src/sanctions-catalogue/program-catalogue-json.ts by scripts/generate-json-schemas.ts; ' +
      'Lockstep also refuses a source id or tag given twice, a cited source that is not given and a renaming ' +
      'to a tag the catalogue lacks.',
  });

/**
 * Reads the program catalogue (`data/sanctions/programs.json`): `sources` (id, title, url?, date?) and
 * `programs` (tag, name, iranRelated, authorities with their sources, basis with its source, JCPOA relation
 * with its source, renamedTo?). Every problem names the file and the field path, e.g.
 * `programs[12].jcpoa`, and says what is accepted; a source cited but not given, a tag given twice or a
 * renaming to an unknown tag is refused.
 */
export function readProgramCatalogue(text: string, file: string): ProgramCatalogue {
  const parsed = parseJsonDataFile(text, file, ProgramCatalogueJson);
  const sources = parsed.sources.map(
    (source): SanctionsSource => ({
      id: source.id,
      title: source.title,
      ...(source.url && { url: source.url }),
      ...(source.date && { date: isoDate(source.date) }),
    }),
  );
  const programs = parsed.programs.map(
    (program): ProgramDefinition => ({
      tag: program.tag,
      name: program.name,
      iranRelated: program.iranRelated,
      authorities: program.authorities.map((authority) => ({
        citation: authority.citation,
        ...(authority.date && { date: isoDate(authority.date) }),
        source: authority.source,
      })),
      basis: program.basis,
      ...(program.basisNote && { basisNote: program.basisNote }),
      basisSource: program.basisSource,
      jcpoa: program.jcpoa,
      ...(program.jcpoaNote && { jcpoaNote: program.jcpoaNote }),
      jcpoaSource: program.jcpoaSource,
      ...(program.renamedTo && { renamedTo: program.renamedTo }),
    }),
  );
  return programCatalogue(sources, programs);
}

/** The renamings of a catalogue, old tag to new, as `buildDesignationHistory` takes them. */
export function catalogueRenames(catalogue: ProgramCatalogue): Map<string, string> {
  const renames = new Map<string, string>();
  for (const program of catalogue.programs.values()) {
    if (program.renamedTo !== undefined) renames.set(program.tag, program.renamedTo);
  }
  return renames;
}
