import {
  type JcpoaRelation,
  jcpoaRelations,
  type ProgramAuthority,
  type ProgramCatalogue,
  type ProgramDefinition,
  programCatalogue,
  type SanctionsSource,
  sanctionsBases,
} from '@lockstep/core';
import { JsonFields, type JsonObject } from './json-fields.ts';

const programKeys = [
  'tag',
  'name',
  'iranRelated',
  'authorities',
  'basis',
  'basisNote',
  'basisSource',
  'jcpoa',
  'jcpoaNote',
  'jcpoaSource',
  'renamedTo',
];

/**
 * Reads the program catalogue (`data/sanctions/programs.json`): `sources` (id, title, url?, date?) and
 * `programs` (tag, name, iranRelated, authorities with their sources, basis with its source, JCPOA relation
 * with its source, renamedTo?). Every problem names the file and the field path, e.g.
 * `programs[12].jcpoa`, and says what is accepted; a source cited but not given, a tag given twice or a
 * renaming to an unknown tag is refused.
 */
export function readProgramCatalogue(text: string, file: string): ProgramCatalogue {
  const fields = new JsonFields(file);
  const root = fields.object(fields.parse(text), '(root)');
  const sourceIds = new Map<string, string>();
  const sources = fields.array(root.sources, 'sources').map((item, index): SanctionsSource => {
    const at = `sources[${index}]`;
    const entry = fields.object(item, at);
    fields.onlyKeys(entry, at, ['id', 'title', 'url', 'date']);
    const id = fields.string(entry, 'id', at);
    if (sourceIds.has(id)) fields.fail(`${at}.id`, `"${id}" is given twice (first at ${sourceIds.get(id)})`);
    sourceIds.set(id, at);
    const url = fields.optionalString(entry, 'url', at);
    const date = fields.optionalDate(entry, 'date', at);
    return { id, title: fields.string(entry, 'title', at), ...(url && { url }), ...(date && { date }) };
  });
  const sourceRef = (entry: JsonObject, key: string, at: string): string => {
    const id = fields.string(entry, key, at);
    if (!sourceIds.has(id)) fields.fail(`${at}.${key}`, `"${id}" is not the id of a source in sources`);
    return id;
  };
  const tags = new Map<string, string>();
  const programs = fields.array(root.programs, 'programs').map((item, index): ProgramDefinition => {
    const at = `programs[${index}]`;
    const entry = fields.object(item, at);
    fields.onlyKeys(entry, at, programKeys);
    const tag = fields.string(entry, 'tag', at);
    if (tags.has(tag)) fields.fail(`${at}.tag`, `"${tag}" is given twice (first at ${tags.get(tag)})`);
    tags.set(tag, at);
    const authorityList = fields.array(entry.authorities, `${at}.authorities`);
    if (authorityList.length === 0) fields.fail(`${at}.authorities`, 'expected at least one legal authority');
    const authorities = authorityList.map((value, i): ProgramAuthority => {
      const where = `${at}.authorities[${i}]`;
      const authority = fields.object(value, where);
      fields.onlyKeys(authority, where, ['citation', 'date', 'source']);
      const date = fields.optionalDate(authority, 'date', where);
      return {
        citation: fields.string(authority, 'citation', where),
        ...(date && { date }),
        source: sourceRef(authority, 'source', where),
      };
    });
    const basisNote = fields.optionalString(entry, 'basisNote', at);
    const jcpoaNote = fields.optionalString(entry, 'jcpoaNote', at);
    const renamedTo = fields.optionalString(entry, 'renamedTo', at);
    return {
      tag,
      name: fields.string(entry, 'name', at),
      iranRelated: fields.boolean(entry, 'iranRelated', at),
      authorities,
      basis: fields.oneOf(entry, 'basis', at, sanctionsBases),
      ...(basisNote && { basisNote }),
      basisSource: sourceRef(entry, 'basisSource', at),
      jcpoa: fields.oneOf<JcpoaRelation>(entry, 'jcpoa', at, jcpoaRelations),
      ...(jcpoaNote && { jcpoaNote }),
      jcpoaSource: sourceRef(entry, 'jcpoaSource', at),
      ...(renamedTo && { renamedTo }),
    };
  });
  programs.forEach((program, index) => {
    if (program.renamedTo !== undefined && !tags.has(program.renamedTo)) {
      fields.fail(`programs[${index}].renamedTo`, `"${program.renamedTo}" is not a tag of the catalogue`);
    }
  });
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
