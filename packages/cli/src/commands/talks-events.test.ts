import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@lockstep/app';
import { localAdmin, Workbench } from '@lockstep/app';
import { buildServer } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-talks-events-'));
const password = 'a-long-enough-password';
let workbench: Workbench;
let server: Awaited<ReturnType<typeof buildServer>>;
let url: string;
let chair: Actor;
let iran: Actor;
const tokenFile = join(dir, 'token.txt');
const events = (...argv: string[]) =>
  runMain(['talks', 'events', ...argv, '--server', url, '--token-file', tokenFile], '');

/** Iran writes and sends a paper; the coordinator relays it to the US. */
async function relayToUs(): Promise<void> {
  const { documentId } = await workbench.talks.papers.createDocument(iran, { title: 'T', text: 'x' });
  await workbench.talks.papers.sendVersion(iran, documentId, { number: 1, expectedVersion: 1 });
  await workbench.talks.papers.relay(chair, documentId, {
    documentVersion: 1,
    note: '',
    to: ['us'],
    discloseAuthor: false,
  });
}

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  for (const [username, role, delegation] of [
    ['coordinator', 'coordinator', undefined],
    ['iran.head', 'head', 'iran'],
    ['us.head', 'head', 'us'],
  ] as const) {
    const user = await workbench.talks.accounts.createUser(
      localAdmin,
      { username, displayName: username, role, ...(delegation ? { delegation } : {}), password },
      { local: true },
    );
    const actor = { userId: user.id, role, ...(delegation ? { delegation } : {}) } as Actor;
    if (username === 'coordinator') chair = actor;
    if (username === 'iran.head') iran = actor;
  }
  const token = await workbench.talks.accounts.createTokenWithPassword('us.head', password, {
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

describe('lockstep talks events', () => {
  it('prints what the token owner may see since --after, and where to ask from next time', async () => {
    await relayToUs();
    const first = await events();
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d+ {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}A relay reached your inbox$/);
    const through = /give --after (\d+)/.exec(lines[1]!)![1]!;
    // Nothing of Iran's drafts or sends: only the relay that reached the US.
    const again = await events('--after', through, '--json');
    expect(again.stdout).toBe('');
    expect((await events('--after', 'soon')).stderr).toMatch(/--after: "soon" is not a whole number/);
  });

  it('follows the live stream with --follow, printing events as they happen', async () => {
    const following = events('--follow', '--count', '1', '--json');
    // The stream is open once the server counts a reader; then the relay is made.
    for (let i = 0; i < 200 && workbench.talks.events.size === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await relayToUs();
    const done = await following;
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ type: 'relay.received' });
  });
});
