import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAdmin, Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-talks-text-'));
const password = 'a-long-enough-password';
let workbench: Workbench;
let server: Awaited<ReturnType<typeof buildServer>>;
let url: string;
const tokenFile = join(dir, 'token.txt');
const remote = (...argv: string[]) =>
  runMain(['talks', 'text', ...argv, '--server', url, '--token-file', tokenFile], '');

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  await workbench.talks.accounts.createUser(
    localAdmin,
    { username: 'coordinator', displayName: 'Coordinator', role: 'coordinator', password },
    { local: true },
  );
  const token = await workbench.talks.accounts.createTokenWithPassword('coordinator', password, {
    label: 'test',
    expiresInDays: 1,
  });
  writeFileSync(tokenFile, token.secret);
  server = await buildServer({ workbench });
  await server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await workbench?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lockstep talks text', () => {
  it('previews, applies and exports an imported text; names the file and paragraph that does not parse', async () => {
    const file = join(dir, 'sequencing.txt');
    writeFileSync(file, '1. First steps [Iran first] [the US first]\n2. Verification [IAEA report]\n');
    const preview = await remote('import', 'sequencing', file);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toBe(
      'Preview (nothing written; add --apply to create them): 2 clause(s) for the sequencing text.\n' +
        '  1. sq-1  First steps [Iran first] [the US first]\n  2. sq-2  Verification [IAEA report]\n',
    );
    const applied = await remote('import', 'sequencing', file, '--apply');
    expect(applied.stdout).toMatch(/^Imported 2 clause\(s\) into the sequencing text/);

    const out = join(dir, 'sequencing.docx');
    const exported = await remote('export', 'sequencing', '--format', 'docx', '--out', out);
    expect(exported.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const pdf = join(dir, 'sequencing.pdf');
    expect((await remote('export', 'sequencing', '--format', 'pdf', '--out', pdf)).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '1. Scope [all\n');
    const refused = await remote('import', 'nuclear-implementation', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}, paragraph 1 ("1. Scope [all"): unbalanced bracket`);
  });

  it('refuses an unknown group or format, naming the accepted values (exit 2)', async () => {
    const group = await remote('export', 'oil', '--format', 'docx', '--out', join(dir, 'x.docx'));
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('give one of sanctions-lifting, nuclear-implementation, sequencing');
    const format = await remote('export', 'sequencing', '--format', 'odt', '--out', join(dir, 'x.odt'));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format: "odt" is not a document format; give docx or pdf');
    const missing = await remote('import', 'sequencing', join(dir, 'none.txt'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/FILE: cannot read ".*none\.txt" \(ENOENT\)/);
  });
});
