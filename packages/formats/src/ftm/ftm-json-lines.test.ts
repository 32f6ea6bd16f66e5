import type { FtmEntity } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { maxFtmLineChars, maxValueChars } from '../input-limits.ts';
import { chunked, collect, endlessSource } from '../ofac/testing/sanctions-data.ts';
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

  it('stops at a line over the line limit, having read about the limit and not the 200 MB that follow', async () => {
    const source = endlessSource('{"id":"', 'x');
    await expect(collect(readFtmJsonLines(source.chunks, 'entities.ftm.json'))).rejects.toThrow(
      `entities.ftm.json, line 1: the line is longer than ${maxFtmLineChars.toLocaleString('en')} characters, the most accepted for one entity: is the file JSON lines, one entity a line?`,
    );
    expect(source.bytesRead()).toBeLessThan(2 * maxFtmLineChars);
  });

  it('takes time linear in the file, however long its lines and small its chunks', async () => {
    // 2 MiB of entities on lines of 16 KB or of 1 MB (the line limit), fed 1 KiB at a time. Searching the
    // cut line again from its start at every chunk made the long lines a hundred times slower.
    const entityLine = (length: number) => {
      const notes: string[] = [];
      for (let size = 60; size < length; size += 60_003)
        notes.push('n'.repeat(Math.min(60_000, length - size)));
      return ftmJsonLine({ id: 'e', schema: 'Thing', properties: { notes } });
    };
    const time = async (lineLength: number) => {
      const line = entityLine(lineLength);
      const bytes = new TextEncoder().encode(line.repeat(Math.round((2 * 1024 * 1024) / line.length)));
      let fastest = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        for await (const _entity of readFtmJsonLines(chunked(bytes, 1024), 'entities.ftm.json'));
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest;
    };
    const short = await time(16_000);
    const long = await time(1_000_000);
    // Measured: about 1.5 times here, 100 times when the search restarted at every chunk; the bound leaves
    // room for a busy machine and the collection of the long lines' strings.
    expect(long).toBeLessThan(10 * short + 100);
  });

  it('refuses a property value over the value limit and a NUL character, naming the property', async () => {
    const entity = (value: string) =>
      ftmJsonLine({ id: 'e', schema: 'Person', properties: { name: ['A', value] } });
    await expect(read(entity('x'.repeat(maxValueChars + 1)), 4096)).rejects.toThrow(
      'entities.ftm.json, line 1, properties.name[1]: a value of 65,537 characters; at most 65,536 are accepted',
    );
    await expect(read(entity('a\u0000b'))).rejects.toThrow(
      'entities.ftm.json, line 1, properties.name[1]: a NUL character (\\u0000) is not text',
    );
  });

  it('refuses 200,000 nested arrays in a property with a FormatError, not a stack overflow', async () => {
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    await expect(
      read(`{"id":"e","schema":"Person","properties":{"name":${nested}}}\n`, 65_536),
    ).rejects.toThrow('entities.ftm.json, line 1, properties.name[0]: expected a string');
  });
});
