import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedScenarioLister } from './shipped-scenarios.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as { title: string };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scenarios directory holding these files, and a lister over it that counts the files it reads. */
function scenariosDir(files: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-scenarios-'));
  dirs.push(dir);
  const write = (name: string, json: unknown, mtime = new Date('2024-01-01T00:00:00Z')) => {
    writeFileSync(join(dir, name), JSON.stringify(json));
    utimesSync(join(dir, name), mtime, mtime);
  };
  for (const [name, json] of Object.entries(files)) write(name, json);
  const reads: string[] = [];
  const list = shippedScenarioLister(dir, (path) => {
    reads.push(basename(path));
    return readFileSync(path, 'utf8');
  });
  return { dir, write, reads, list };
}

describe('shippedScenarioLister', () => {
  it('reads and validates each file once while it is unchanged', () => {
    const { reads, list } = scenariosDir({ 'a.json': sample, 'b.json': { ...sample, title: 'B' } });
    const first = list();
    expect(first.map((s) => [s.id, s.title, s.problem])).toEqual([
      ['a', sample.title, undefined],
      ['b', 'B', undefined],
    ]);
    expect(reads).toEqual(['a.json', 'b.json']);
    const second = list();
    expect(reads).toEqual(['a.json', 'b.json']);
    expect(second).toEqual(first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it('picks up a changed, an added and a removed file, re-reading only those', () => {
    const { dir, write, reads, list } = scenariosDir({ 'a.json': sample, 'b.json': sample });
    const first = list();
    reads.length = 0;
    // Same size and contents shape, only the title's letter and the modification time differ.
    write('b.json', { ...sample, title: `${sample.title.slice(0, -1)}!` }, new Date('2024-02-01T00:00:00Z'));
    write('c.json', { title: 'not a scenario' });
    const second = list();
    expect(reads).toEqual(['b.json', 'c.json']);
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.title).toBe(`${sample.title.slice(0, -1)}!`);
    expect(second[2]).toMatchObject({ id: 'c', title: 'not a scenario', problem: expect.any(String) });
    rmSync(join(dir, 'a.json'));
    reads.length = 0;
    expect(list().map((s) => s.id)).toEqual(['b', 'c']);
    expect(reads).toEqual([]);
  });

  it('re-reads a file rewritten to another size even at the same modification time', () => {
    const { write, reads, list } = scenariosDir({ 'a.json': sample });
    list();
    write('a.json', { ...sample, title: 'A longer title than before, surely' });
    expect(list()[0]?.title).toBe('A longer title than before, surely');
    expect(reads).toEqual(['a.json', 'a.json']);
  });

  it('lists nothing for a missing directory', () => {
    expect(shippedScenarioLister(join(tmpdir(), 'lockstep-no-such-dir-9f3a'))()).toEqual([]);
  });
});
