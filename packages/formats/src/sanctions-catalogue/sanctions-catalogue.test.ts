import { readFileSync } from 'node:fs';
import { unknownProgramTags } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { readOfacAdvancedXml } from '../ofac/advanced-xml.ts';
import { readOfacDailyChanges } from '../ofac/daily-changes.ts';
import { readLegacyOfacList } from '../ofac/legacy-list.ts';
import { sanctionsDataRoot, sanctionsFile } from '../ofac/testing/sanctions-data.ts';
import { catalogueRenames, readProgramCatalogue } from './program-catalogue-json.ts';
import { readSanctionsPositions, readSanctionsPositionsFile } from './sanctions-positions-json.ts';

const shipped = (name: string) => readFileSync(new URL(name, sanctionsDataRoot), 'utf8');
const catalogue = readProgramCatalogue(shipped('programs.json'), 'data/sanctions/programs.json');

/** Every list file shipped, read with its main file (program tags are there). */
const listFiles = [
  'ofac/2015-01/sdn.csv',
  'ofac/2018-04-consolidated/cons_prim.csv',
  'ofac/2019-01/sdn.csv',
  'ofac/2021-04-25/sdn.csv',
  'ofac/2021-08-18/sdn.csv',
  'ofac/2023-12-28/sdn.csv',
  'ofac/2024-05-03/sdn.csv',
];
const advancedFile = 'ofac/2020-03-17-consolidated-advanced/cons_advanced.xml';

function failure(action: () => unknown): FormatError {
  try {
    action();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('the shipped program catalogue', () => {
  it('knows every program tag of every shipped list and of the change log', async () => {
    const seen = new Set<string>();
    for (const path of listFiles) {
      for await (const entry of readLegacyOfacList({ primary: sanctionsFile(path) })) {
        for (const tag of entry.programs) seen.add(tag);
      }
    }
    const advanced = sanctionsFile(advancedFile);
    for await (const item of readOfacAdvancedXml(advanced.chunks, advanced.file)) {
      if (item.kind === 'entry') for (const tag of item.entry.programs) seen.add(tag);
    }
    const log = sanctionsFile('ofac/daily-changes-2021-08_2024-05.csv');
    for await (const change of readOfacDailyChanges(log.chunks, log.file)) {
      for (const tag of [...change.programs, ...(change.previousPrograms ?? [])]) seen.add(tag);
    }
    expect(seen.size).toBeGreaterThan(80);
    expect(unknownProgramTags(catalogue, seen), 'tags missing from data/sanctions/programs.json').toEqual([]);
  });

  it('gives each Iran program its authority, basis and JCPOA relation with sources', () => {
    const facts = (tag: string) => {
      const program = catalogue.programs.get(tag)!;
      return [program.authorities[0]!.citation, program.basis, program.jcpoa];
    };
    expect(facts('IRAN')).toEqual(['E.O. 13599', 'sectoral-economic', 'relieved-on-implementation-day']);
    expect(facts('EO13622')).toEqual(['E.O. 13622', 'nuclear', 'revoked-on-implementation-day']);
    expect(facts('EO13645')).toEqual(['E.O. 13645', 'nuclear', 'revoked-on-implementation-day']);
    expect(facts('IRAN-EO13846')).toEqual(['E.O. 13846', 'nuclear', 'reimposes-relief']);
    expect(facts('IRAN-EO13871')).toEqual(['E.O. 13871', 'sectoral-economic', 'created-after-withdrawal']);
    expect(facts('IRAN-EO13876')).toEqual(['E.O. 13876', 'other', 'created-after-withdrawal']);
    expect(facts('IRAN-EO13902')).toEqual(['E.O. 13902', 'sectoral-economic', 'created-after-withdrawal']);
    expect(facts('IRAN-CON-ARMS-EO')).toEqual(['E.O. 13949', 'missile-arms', 'non-nuclear']);
    expect(facts('IRAN-HR')).toEqual(['E.O. 13553', 'human-rights', 'non-nuclear']);
    expect(facts('SDGT')).toEqual(['E.O. 13224', 'terrorism', 'non-nuclear']);
    expect(facts('NPWMD')).toEqual(['E.O. 13382', 'proliferation', 'mixed']);
    expect(facts('ELECTION-EO13848')).toEqual(['E.O. 13848', 'election-interference', 'non-nuclear']);
    expect(facts('CYBER2')).toEqual(['E.O. 13694', 'cyber', 'non-nuclear']);
    expect(catalogue.sources.get('eo13716')?.date).toBe('2016-01-16');
    expect(catalogue.sources.get('eo13846')?.date).toBe('2018-08-06');
    expect(catalogueRenames(catalogue).get('ILLICIT-DRUGS-EO')).toBe('ILLICIT-DRUGS-EO14059');
  });

  it('names the field path and what is accepted when an entry is wrong', () => {
    const json = JSON.parse(shipped('programs.json'));
    json.programs[3].jcpoa = 'lifted';
    expect(failure(() => readProgramCatalogue(JSON.stringify(json), 'programs.json')).message).toMatch(
      /^programs\.json, programs\[3\]\.jcpoa: "lifted" is not one of revoked-on-implementation-day, /,
    );
    const cited = JSON.parse(shipped('programs.json'));
    cited.programs[0].authorities[1].source = 'nowhere';
    expect(failure(() => readProgramCatalogue(JSON.stringify(cited), 'programs.json')).where).toBe(
      'programs[0].authorities[1].source',
    );
    const twice = JSON.parse(shipped('programs.json'));
    twice.programs.push(twice.programs[0]);
    expect(failure(() => readProgramCatalogue(JSON.stringify(twice), 'programs.json')).problem).toBe(
      '"IRAN" is given twice (first at programs[0])',
    );
    expect(failure(() => readProgramCatalogue('{', 'programs.json')).where).toBe('JSON');
  });
});

describe('the shipped positions', () => {
  const positions = readSanctionsPositions(
    shipped('positions.json'),
    'data/sanctions/positions.json',
    catalogue,
  );

  it('label every category and give each position a short label', () => {
    const file = readSanctionsPositionsFile(shipped('positions.json'), 'data/sanctions/positions.json');
    expect(file.categories.map((c) => c.id)).toEqual(['lift', 'keep', 'difficult']);
    expect(file.categories.every((c) => c.label.trim() !== '')).toBe(true);
    expect(file.positions.map((p) => p.label)).toEqual(['United States 2021', 'Iran 2021']);
  });

  it('hold us-2021 with the three categories and iran-2021 lifting everything since 2017', () => {
    expect(positions.map((position) => position.id)).toEqual(['us-2021', 'iran-2021']);
    const [us, iran] = positions;
    expect(new Set(us!.rules.flatMap((rule) => (rule.category ? [rule.category] : [])))).toEqual(
      new Set(['lift', 'keep', 'difficult']),
    );
    expect(iran!.rules[0]).toMatchObject({ category: 'lift', when: { imposedOnOrAfter: '2017-01-01' } });
    for (const position of positions) expect(position.rules.at(-1)!.when).toEqual({});
  });

  it('refuse a misspelt condition, an unknown tag and a last rule with conditions, naming the field', () => {
    const misspelt = JSON.parse(shipped('positions.json'));
    misspelt.positions[0].rules[2].when.imposedAfter = '2018-05-08';
    expect(failure(() => readSanctionsPositions(JSON.stringify(misspelt), 'positions.json')).where).toBe(
      'positions[0].rules[2].when.imposedAfter',
    );
    const unknownTag = JSON.parse(shipped('positions.json'));
    unknownTag.positions[0].rules[1].when.programs = ['IFSR', 'IFRS'];
    expect(
      failure(() => readSanctionsPositions(JSON.stringify(unknownTag), 'positions.json', catalogue)).message,
    ).toBe(
      'positions.json, positions[0].rules[1].when.programs[1]: "IFRS" is not a tag of the program catalogue',
    );
    const open = JSON.parse(shipped('positions.json'));
    open.positions[1].rules.pop();
    expect(failure(() => readSanctionsPositions(JSON.stringify(open), 'positions.json')).where).toMatch(
      /^positions\[1\]\.rules\[\d\]$/,
    );
    const both = JSON.parse(shipped('positions.json'));
    both.positions[0].rules[0].follow = [{ programs: ['SDGT'] }];
    expect(failure(() => readSanctionsPositions(JSON.stringify(both), 'positions.json')).problem).toContain(
      'exactly one of category',
    );
    const lateDay = JSON.parse(shipped('positions.json'));
    lateDay.positions[1].date = '2021-02-30';
    expect(failure(() => readSanctionsPositions(JSON.stringify(lateDay), 'positions.json')).where).toBe(
      'positions[1].date',
    );
    const unlabelled = JSON.parse(shipped('positions.json'));
    unlabelled.categories.pop();
    expect(failure(() => readSanctionsPositions(JSON.stringify(unlabelled), 'positions.json')).message).toBe(
      'positions.json, categories: expected a label for every category: difficult has none',
    );
    const unknownRoot = JSON.parse(shipped('positions.json'));
    unknownRoot.position = [];
    expect(failure(() => readSanctionsPositions(JSON.stringify(unknownRoot), 'positions.json')).message).toBe(
      'positions.json, position: unknown field; accepted fields are $schema, description, categories, positions',
    );
    const badBasis = JSON.parse(shipped('positions.json'));
    badBasis.positions[0].rules[3].when.bases = ['terror'];
    expect(failure(() => readSanctionsPositions(JSON.stringify(badBasis), 'positions.json')).where).toBe(
      'positions[0].rules[3].when.bases[0]',
    );
  });
});
