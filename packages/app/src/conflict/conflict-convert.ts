import { writeFileSync } from 'node:fs';
import type {
  ConflictConversion,
  ConflictConvertFileInput,
  ConflictConvertFileResult,
  ConflictFileFormat,
} from '@lockstep/contract';
import type { ConflictModel } from '@lockstep/core';
import { writeConflictJson, writeGmcrFile } from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import { type ConflictRead, compileRead, conflictFormatOf, conflictFromFile } from './conflict-input.ts';

/**
 * What a GMCR+ file has no place for, in this model: said when converting to `.gmcr`, so nothing is lost
 * silently.
 */
export function notCarriedToGmcr(model: ConflictModel): string[] {
  const sources =
    model.decisionMakers.filter((dm) => dm.source).length +
    model.options.filter((option) => option.source).length +
    Object.values(model.preferences).reduce(
      (sum, preference) =>
        sum + (preference.kind === 'statements' ? preference.statements.filter((s) => s.source).length : 0),
      0,
    );
  const references = model.options.reduce((sum, option) => sum + (option.refersTo?.length ?? 0), 0);
  return [
    'ids (GMCR+ names DMs and options only; ids are made from names when read back)',
    ...(model.description !== undefined ? ['the description'] : []),
    ...(sources > 0 ? [`${sources} source(s) (quote and report)`] : []),
    ...(references > 0 ? [`${references} reference(s) to red lines and steps (refersTo)`] : []),
    ...(model.statusQuo !== undefined ? [`the status quo (state ${model.statusQuo})`] : []),
    ...(model.notAnalysed?.length ? [`${model.notAnalysed.length} notAnalysed sentence(s)`] : []),
  ];
}

/** The conflict's file text in `format`; the model is compiled first, so a bad one is refused naming its field. */
function fileText(read: ConflictRead, format: ConflictFileFormat): string {
  compileRead(read);
  return format === 'gmcr' ? writeGmcrFile(read.model) : writeConflictJson(read.model);
}

/** `conflict.convert`: the conflict as a file of the other format, with what it cannot hold. */
export function convertRead(read: ConflictRead, to: ConflictFileFormat): ConflictConversion {
  return {
    format: to,
    fileName: `${read.model.id}.${to}`,
    text: fileText(read, to),
    notAnalysed: [...(read.model.notAnalysed ?? [])],
  };
}

/** `conflict.convert-file`: reads `path`, writes `outPath` in the format its extension names. */
export function convertFile(input: ConflictConvertFileInput): ConflictConvertFileResult {
  const read = conflictFromFile(input.path);
  const format = conflictFormatOf(input.outPath);
  if (!/\.(json|gmcr)$/i.test(input.outPath)) {
    throw new InputError(
      `${input.outPath}: the file to write must end in .json (Lockstep’s format) or .gmcr (GMCR+)`,
      'outPath',
    );
  }
  const text = fileText(read, format);
  try {
    writeFileSync(input.outPath, text);
  } catch (error) {
    throw new InputError(
      `${input.outPath}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a path in an existing, writable folder`,
      'outPath',
    );
  }
  return {
    from: input.path,
    to: input.outPath,
    format,
    decisionMakers: read.model.decisionMakers.length,
    options: read.model.options.length,
    notCarried: format === 'gmcr' ? notCarriedToGmcr(read.model) : [],
    notAnalysed: [...(read.model.notAnalysed ?? [])],
  };
}
