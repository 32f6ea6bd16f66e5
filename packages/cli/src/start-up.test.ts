import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../bin/lockstep.js', import.meta.url).pathname;
const rootPackage = new URL('../../../package.json', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'lockstep-start-up-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs bin/lockstep.js as a user would, without DATABASE_URL. */
async function lockstep(argv: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const { DATABASE_URL: _, ...rest } = process.env;
  const child = spawn(process.execPath, [bin, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...rest, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

describe('lockstep start-up', () => {
  it('prints the package version without touching the data directory', async () => {
    const dataDir = join(work, 'never-made');
    const { version } = JSON.parse(readFileSync(rootPackage, 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await lockstep([flag], { LOCKSTEP_DATA_DIR: dataDir });
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('answers --help as it did the first time, from the answer cache', async () => {
    const first = await lockstep(['--help']);
    const uncached = await lockstep(['--help'], { LOCKSTEP_NO_ANSWER_CACHE: '1' });
    const again = await lockstep(['--help']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Usage: lockstep [options] [command]');
    expect(again).toEqual(first);
    expect(uncached).toEqual(first);
  }, 120_000);

  it('keeps a read-only answer for the store version, and never answers from it after an import', async () => {
    const dataDir = join(work, 'store');
    const query = ['--data-dir', dataDir, 'sanctions', 'entity', 'Lockstep Test Bank', '--json'];
    const init = await lockstep(['--data-dir', dataDir, 'data', 'list']); // first use: migrate, load
    expect(init.code).toBe(0);

    const before = await lockstep(query);
    expect(before.code).toBe(0);
    const snapshot = JSON.parse(before.stdout).snapshot.dataset;
    expect(JSON.parse(before.stdout).matches).toEqual([]);
    expect(readdirSync(join(dataDir, 'answers'))).toHaveLength(1); // kept, under the store's version

    // The kept answer is given without opening the store: a live holder of the lock (this test process)
    // would make a command that opens it fail.
    writeFileSync(join(dataDir, 'lockstep.pid'), String(process.pid));
    expect(await lockstep(query)).toEqual(before);
    rmSync(join(dataDir, 'lockstep.pid'));

    // A later list with the entry the query names: the import writes, so the store gets a new version.
    const list = join(work, 'list-2025');
    mkdirSync(list);
    writeFileSync(
      join(list, 'sdn.csv'),
      '990001,"LOCKSTEP TEST BANK",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
    );
    const imported = await lockstep([
      '--data-dir',
      dataDir,
      'sanctions',
      'import',
      list,
      '--as-of',
      '2025-01-15',
    ]);
    expect(imported.code).toBe(0);

    const after = await lockstep(query);
    expect(after.code).toBe(0);
    const answer = JSON.parse(after.stdout);
    expect(answer.snapshot.dataset).not.toBe(snapshot);
    expect(answer.matches.map((m: { name: string }) => m.name)).toContain('LOCKSTEP TEST BANK');
    expect(await lockstep(query, { LOCKSTEP_NO_ANSWER_CACHE: '1' })).toEqual(after);
  }, 300_000);

  it('answers a one-shot entity search from the pack kept for the store version, as the command would', async () => {
    // The data directory of the test above: its last searches ran on the store after the import, and kept
    // the pack of the default list under that version.
    const dataDir = join(work, 'store');
    const packs = readdirSync(join(dataDir, 'derived'));
    expect(packs).toHaveLength(1);
    expect(existsSync(join(dataDir, 'derived', packs[0]!, 'entity', 'index.v8'))).toBe(true);
    const lines = [
      ['sanctions', 'entity', 'Central', 'Bank', 'of', 'Iran'],
      ['sanctions', 'entity', 'Zarif', '--type', 'individual', '--json'],
      ['sanctions', 'entity', 'Mahan Air', '--limit=2', '--min-score', '0.8'],
    ];
    for (const line of lines) {
      const argv = ['--data-dir', dataDir, ...line];
      const command = await lockstep(argv, { LOCKSTEP_NO_ANSWER_CACHE: '1', LOCKSTEP_NO_ENTITY_PACK: '1' });
      expect(command.code).toBe(0);
      // Answered without opening the store: a live holder of its lock would make opening it fail.
      writeFileSync(join(dataDir, 'lockstep.pid'), String(process.pid));
      try {
        expect(await lockstep(argv, { LOCKSTEP_NO_ANSWER_CACHE: '1' })).toEqual(command);
      } finally {
        rmSync(join(dataDir, 'lockstep.pid'));
      }
    }
    // A value the command refuses is left to the command, which says what is wrong.
    const refused = await lockstep(['--data-dir', dataDir, 'sanctions', 'entity', 'Zarif', '--limit', '0'], {
      LOCKSTEP_NO_ANSWER_CACHE: '1',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('limit');
  }, 300_000);
});
