import type { FtmEntity } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { chunked, collect } from '../ofac/testing/sanctions-data.ts';
import { ftmJsonLine, readFtmJsonLines } from './ftm-json-lines.ts';

const sanction: FtmEntity = {
  id: 'ofac-306-sanction',
  schema: 'Sanction',
  properties: { entity: ['ofac-306'], program: ['CUBA'], authority: ['Office of Foreign Assets Control'] },
};

function read(text: string, size = 5) {
  return collect(readFtmJsonLines(chunked(text, size), 'entities.ftm.json'));
}

describe('FollowTheMoney JSON lines', () => {
  it('writes one entity per line and reads it back, whatever the chunk boundaries', async () => {
    const line = ftmJsonLine(sanction);
    expect(line).toBe(
      '{"id":"ofac-306-sanction","schema":"Sanction","properties":{"entity":["ofac-306"],"program":["CUBA"],' +
        '"authority":["Office of Foreign Assets Control"]}}\n',
    );
    const person: FtmEntity = {
      id: 'ofac-1',
      schema: 'Person',
      properties: { name: ['ZÜRCHER, Émile – “Jr”'] },
    };
    const text = `${line}\n${ftmJsonLine(person)}`;
    for (const size of [1, 3, 64, text.length]) expect(await read(text, size)).toEqual([sanction, person]);
  });

  it('ignores keys other than id, schema and properties, and reads a last line without a line feed', async () => {
    const text = '{"id":"x","schema":"Person","caption":"X","datasets":["a"],"properties":{"name":["X"]}}';
    expect(await read(text)).toEqual([{ id: 'x', schema: 'Person', properties: { name: ['X'] } }]);
  });

  it('names the line and field of what is wrong', async () => {
    await expect(read(`${ftmJsonLine(sanction)}{"id":"x",\n`)).rejects.toThrow(
      /entities\.ftm\.json, line 2: not valid JSON/,
    );
    await expect(read('{"id":"x","schema":"Person","properties":{"name":"X"}}\n')).rejects.toThrow(
      'entities.ftm.json, line 1, properties.name: expected an array of strings',
    );
    await expect(read('{"id":"x","schema":"Person","properties":{"name":["X",3]}}\n')).rejects.toThrow(
      'entities.ftm.json, line 1, properties.name[1]: expected a string',
    );
    await expect(read('{"id":"","schema":"Person","properties":{}}\n')).rejects.toThrow(
      'entities.ftm.json, line 1, id: expected a non-empty string',
    );
    await expect(read('{"id":"x","schema":"person","properties":{}}\n')).rejects.toThrow(
      'entities.ftm.json, line 1, schema: expected a schema name such as Sanction or Person',
    );
  });
});
