import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { Workbench } from '../workbench.ts';
import { screeningResultCsv } from './screening.ts';

let workbench: Workbench;
const work = mkdtempSync(join(tmpdir(), 'lockstep-screen-'));
const file = (name: string, text: string | Uint8Array) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
};

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true });
}, 120_000);
afterAll(async () => {
  await workbench?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('sanctions.screen-file', () => {
  it('screens a CSV of real names: one row per name with its best candidates, where the name comes from and why', async () => {
    const path = file(
      'names.csv',
      'name,type,country,birth_date\nCentral Bank of Iran,entity,IR,\nMohammad Javad Zarif,individual,Iran,1960\nIRISL,,,\nJohn Smith Trading Ltd,entity,GB,\n',
    );
    const result = await workbench.call('sanctions.screen-file', { path });
    expect(result.snapshot.dataset).toBe('ofac-sdn-2024-05-03');
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    const [bank, zarif, irisl, smith] = result.rows;
    expect(bank!.candidates[0]).toMatchObject({ name: 'BANK MARKAZI JOMHOURI ISLAMI IRAN', type: 'entity' });
    expect(bank!.candidates[0]!.nameSource).toMatch(/2023-12-28/);
    expect(zarif!.candidates[0]).toMatchObject({ name: 'ZARIF, Mohammad Javad' });
    expect(zarif!.candidates[0]!.why.some((w) => /^birth year 1960 agrees/.test(w))).toBe(true);
    expect(irisl!.candidates[0]!.name).toBe('ISLAMIC REPUBLIC OF IRAN SHIPPING LINES');
    expect(smith!.candidates).toEqual([]);
    expect(result).toMatchObject({ screened: 4, withCandidates: 3, skipped: [] });
    const csv = screeningResultCsv(result).split('\r\n');
    expect(csv[0]).toBe(
      'line,name,rank,entry_number,candidate,type,programs,score,name_score,matched_name,name_source,why',
    );
    expect(csv[1]).toMatch(/^2,Central Bank of Iran,1,\d+,BANK MARKAZI JOMHOURI ISLAMI IRAN,entity,/);
  }, 60_000);

  it('keeps only candidates of the row’s type, and a disagreeing country lowers the score, saying so', async () => {
    const path = file(
      'typed.csv',
      'name,type,country\nIRISL,individual,\nMahan Air,,Iran\nMahan Air,,Venezuela\n',
    );
    const result = await workbench.call('sanctions.screen-file', {
      path,
      threshold: 0.5,
      snapshot: 'ofac-sdn-2023-12-28',
    });
    expect(result.rows[0]!.candidates.every((c) => c.type === 'individual')).toBe(true);
    const agrees = result.rows[1]!.candidates[0]!;
    const disagrees = result.rows[2]!.candidates[0]!;
    expect(agrees.name).toBe('MAHAN AIR');
    expect(agrees.why.at(-1)).toMatch(/^country "Iran" agrees \(address in Iran\): \+0\.03$/);
    expect(disagrees.why.at(-1)).toMatch(/^country "Venezuela" disagrees \(address in Iran.*\): -0\.05$/);
    expect(disagrees.score).toBeLessThan(agrees.score);
  }, 60_000);

  it('refuses bad input naming the line, and with skipBadRows reports those rows and screens the rest', async () => {
    const notUtf8 = file('latin.csv', new Uint8Array([...Buffer.from('name\nBanque Sad'), 0xe9, 0x72, 0x0a]));
    expect((await refusal(workbench.call('sanctions.screen-file', { path: notUtf8 }))).message).toMatch(
      /latin\.csv, line 2: byte 0xe9 is not UTF-8; expected a UTF-8 CSV file/,
    );
    const noName = file('noname.csv', 'party\nBank Sepah\n');
    expect((await refusal(workbench.call('sanctions.screen-file', { path: noName }))).message).toMatch(
      /noname\.csv, line 1: no "name" column in the header \(found: "party"\)/,
    );
    const bad = file('bad.csv', `name\nBank Sepah\n\n" "\n${'X'.repeat(201)}\nMahan Air\n`);
    expect((await refusal(workbench.call('sanctions.screen-file', { path: bad }))).message).toMatch(
      /bad\.csv, line 4: an empty row: each row needs a name \(give --skip-bad-rows/,
    );
    const result = await workbench.call('sanctions.screen-file', { path: bad, skipBadRows: true });
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Bank Sepah'],
      [6, 'Mahan Air'],
    ]);
    expect(result.skipped).toEqual([
      { line: 4, reason: 'an empty row: each row needs a name' },
      { line: 5, reason: 'the name is 201 characters; at most 200 are accepted (one name or alias a row)' },
    ]);
  }, 60_000);
});

describe('sanctions.screen (JSON rows)', () => {
  it('answers rows given as JSON, and refuses too many rows naming the cap', async () => {
    const result = await workbench.call('sanctions.screen', {
      rows: [{ name: 'Bank Sepah', type: 'entity' }],
    });
    expect(result.rows[0]!.candidates[0]!.name).toBe('BANK SEPAH');
    const error = await refusal(
      workbench.call('sanctions.screen', { rows: Array.from({ length: 101 }, () => ({ name: 'x' })) }),
    );
    expect(error.message).toMatch(/^rows: at most 100 rows per request/);
    const control = await refusal(
      workbench.call('sanctions.screen', { rows: [{ name: 'Bank\u0000Sepah' }] }),
    );
    expect(control.message).toMatch(/^rows\.0\.name: a control character \(U\+0000\)/);
  });
});

describe('sanctions.search bad input', () => {
  it('refuses a control character or an over-long q naming the field', async () => {
    const control = await refusal(workbench.call('sanctions.search', { q: 'Bank\u0007Sepah' }));
    expect(control.field).toBe('q');
    expect(control.message).toMatch(/^q: a control character \(U\+0007\) is not accepted in a name/);
    const long = await refusal(workbench.call('sanctions.search', { q: 'B'.repeat(201) }));
    expect(long.message).toMatch(/^q: at most 200 characters are accepted/);
  });
});

describe('sanctions.match (yente)', () => {
  it('answers a yente-shaped query for the Central Bank of Iran in yente’s shape', async () => {
    const answer = await workbench.call('sanctions.match', {
      dataset: 'default',
      queries: {
        q1: { schema: 'Organization', properties: { name: ['Central Bank of Iran'], country: ['ir'] } },
        q2: { schema: 'Person', properties: { name: 'Central Bank of Iran' } },
      },
    });
    expect(answer.limit).toBe(5);
    expect(Object.keys(answer.matcher)).toContain('name_match');
    const q1 = answer.responses.q1!;
    expect(q1.status).toBe(200);
    expect(q1.query).toEqual({
      schema: 'Organization',
      properties: { name: ['Central Bank of Iran'], country: ['ir'] },
    });
    const top = q1.results[0]!;
    expect(top).toMatchObject({
      caption: 'BANK MARKAZI JOMHOURI ISLAMI IRAN',
      schema: 'Organization',
      datasets: ['ofac-sdn-2024-05-03'],
      match: true,
      target: true,
    });
    expect(top.id).toMatch(/^ofac-\d+$/);
    expect(top.properties.program).toContain('IRAN');
    expect(top.features.name_match).toBeGreaterThan(0.9);
    expect(q1.total).toEqual({ value: q1.results.filter((r) => r.match).length, relation: 'eq' });
    // A Person query looks only at individuals.
    expect(answer.responses.q2!.results.every((r) => r.schema === 'Person')).toBe(true);
  });

  it('finds a vessel by its IMO number', async () => {
    const answer = await workbench.call('sanctions.match', {
      dataset: 'ofac-sdn-2023-12-28',
      queries: { v: { schema: 'Vessel', properties: { name: 'Unknown Ship', imoNumber: ['9187629'] } } },
    });
    const top = answer.responses.v!.results[0];
    expect(top).toMatchObject({ schema: 'Vessel', score: 1, features: { identifier_match: 1 } });
  });

  it('refuses an over-long or control-character name naming the field, and an unknown dataset', async () => {
    const long = await refusal(
      workbench.call('sanctions.match', {
        dataset: 'default',
        queries: { q1: { schema: 'Person', properties: { name: ['A'.repeat(201)] } } },
      }),
    );
    expect(long.field).toBe('queries.q1.properties.name');
    expect(long.message).toMatch(/^queries\.q1\.properties\.name: the name is 201 characters; at most 200/);
    const control = await refusal(
      workbench.call('sanctions.match', {
        dataset: 'default',
        queries: { q1: { schema: 'Person', properties: { name: ['ok', 'Bad\u001bName'] } } },
      }),
    );
    expect(control.message).toMatch(
      /^queries\.q1\.properties\.name \(value 2\): a control character \(U\+001B\)/,
    );
    const unknown = await refusal(
      workbench.call('sanctions.match', {
        dataset: 'nope',
        queries: { q1: { schema: 'Person', properties: { name: 'x' } } },
      }),
    );
    expect(unknown.message).toMatch(/^dataset: no snapshot "nope" is loaded/);
  });
});
