import {
  type IsoDate,
  isoDate,
  maxNameChars,
  type OfacListChange,
  type OfacListChangeKind,
  UnitError,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { fieldLabel, isBlankRecord, readDelimitedRecords } from './delimited-records.ts';
import { nameTooLong } from './name-limit.ts';

const columns = ['date', 'op', 'ent_num', 'name', 'programs'] as const;
const kinds: Readonly<Record<string, OfacListChangeKind>> = {
  ADD: 'added',
  DEL: 'removed',
  PROG: 'programs-changed',
};

/**
 * Reads the daily change log of the SDN list (ofac/daily-changes-*.csv): a UTF-8 CSV with the header
 * `date,op,ent_num,name,programs` and one row per change, yielding each change as it is read. `op` is
 * `ADD`, `DEL` or `PROG`; programs are separated by `|`, and a `PROG` row gives the tags before and after as
 * `OLD|TAGS -> NEW|TAGS`. Errors name the file, line and field.
 */
export async function* readOfacDailyChanges(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<OfacListChange> {
  const records = readDelimitedRecords(chunks, { file, delimiter: ',', columns });
  let header = true;
  let changes = 0;
  for await (const record of records) {
    if (isBlankRecord(record)) continue;
    const { line, fields } = record;
    function fail(index: number, problem: string): never {
      throw new FormatError(file, `line ${line}, ${fieldLabel(columns, index)}`, problem);
    }
    if (header) {
      header = false;
      if (fields.join(',') !== columns.join(',')) {
        fail(0, `the header is ${JSON.stringify(fields.join(','))}; expected ${columns.join(',')}`);
      }
      continue;
    }
    if (fields.length !== columns.length) {
      const many = fields.length > columns.length;
      fail(
        many ? columns.length : fields.length,
        `the row has ${fields.length} fields where the header names ${columns.length}`,
      );
    }
    const [dateText, op, number, name, programsText] = fields as [string, string, string, string, string]; // length checked above
    const kind = kinds[op];
    if (kind === undefined) fail(1, `"${op}" is not a change (expected ADD, DEL or PROG)`);
    if (!/^\d+$/.test(number))
      fail(2, `"${number}" is not an entry number (expected a whole number such as 306)`);
    if (name.trim() === '') fail(3, 'empty; every change names the entry');
    if (name.length > maxNameChars) fail(3, nameTooLong(name));
    const programs = (text: string): string[] => {
      const tags = text.split('|').map((tag) => tag.trim());
      if (tags.some((tag) => tag === ''))
        fail(4, `"${programsText}" has an empty program tag (tags are separated by |)`);
      return tags;
    };
    const change = {
      kind,
      date: dateOf(dateText, () => fail(0, `"${dateText}" is not a date as YYYY-MM-DD`)),
      entryNumber: Number(number),
      name,
    };
    changes += 1;
    if (kind === 'programs-changed') {
      const sides = programsText.split(' -> ');
      if (sides.length !== 2) fail(4, `"${programsText}" is not a program change as OLD|TAGS -> NEW|TAGS`);
      yield { ...change, previousPrograms: programs(sides[0]!), programs: programs(sides[1]!) };
    } else {
      yield { ...change, programs: programs(programsText) };
    }
  }
  if (changes === 0) {
    throw new FormatError(
      file,
      'line 2',
      'the file holds only its header; expected one change a line after it',
    );
  }
}

function dateOf(text: string, fail: () => never): IsoDate {
  try {
    return isoDate(text);
  } catch (error) {
    if (error instanceof UnitError) return fail();
    throw error;
  }
}
