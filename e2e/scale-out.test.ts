import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAdmin, Workbench } from '@lockstep/app';
import { ServerSentEventReader } from '@lockstep/contract';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServerProcess, startServer } from './server-process.ts';

// Two real `lockstep serve` processes on one PostgreSQL database, as behind a load balancer: whichever server a
// request reaches, the user is the same user, and what is written through one is seen through the other.
const password = 'scale-out-password-long-enough';
const servers: ServerProcess[] = [];
const cleanUps: (() => Promise<unknown> | unknown)[] = [];
let a: ServerProcess;
let b: ServerProcess;

async function call(server: ServerProcess, method: string, path: string, cookie?: string, body?: unknown) {
  const response = await fetch(new URL(`/api/talks${path}`, server.url), {
    method,
    headers: {
      ...(cookie?.startsWith('lst_') ? { authorization: `Bearer ${cookie}` } : cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    json: (await response.json().catch(() => ({}))) as Record<string, unknown>,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
}

async function signIn(server: ServerProcess, username: string): Promise<string> {
  const answer = await call(server, 'POST', '/session', undefined, { username, password });
  expect(answer.status).toBe(200);
  return answer.cookie;
}

/** A reader's live stream on `server`: the event types as they come. */
async function stream(server: ServerProcess, cookie: string) {
  const controller = new AbortController();
  cleanUps.push(() => controller.abort());
  const response = await fetch(new URL('/api/talks/events', server.url), {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const got: { type: string; at: number }[] = [];
  const reader = new ServerSentEventReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of response.body!) {
        for (const message of reader.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          got.push({ type: (JSON.parse(message.data) as { type: string }).type, at: Date.now() });
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return got;
}

beforeAll(async () => {
  const database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
  cleanUps.push(() => database.drop());
  const workbench = await Workbench.open({
    databaseUrl: database.url,
    withoutShippedData: true,
    stateDir: tmpdir(),
  });
  for (const [username, role, delegation] of [
    ['coordinator', 'coordinator', undefined],
    ['iran.head', 'head', 'iran'],
    ['us.head', 'head', 'us'],
    ['france.head', 'head', 'france'],
    ['uk.head', 'head', 'uk'],
  ] as const) {
    await workbench.talks.accounts.createUser(
      localAdmin,
      { username, displayName: username, role, ...(delegation ? { delegation } : {}), password },
      { local: true },
    );
  }
  await workbench.close();
  // The first server loads the shipped data; the second starts on the loaded database.
  for (let i = 0; i < 2; i++) {
    const stateDir = mkdtempSync(join(tmpdir(), 'lockstep-scale-out-'));
    cleanUps.push(() => rmSync(stateDir, { recursive: true, force: true }));
    servers.push(await startServer(stateDir, { DATABASE_URL: database.url }));
  }
  [a, b] = servers as [ServerProcess, ServerProcess];
}, 300_000);

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) await server.stop('SIGKILL');
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

describe('two lockstep servers on one PostgreSQL', () => {
  it('honour a session made on either, end it on both at sign-out, and refuse a revoked token on both', async () => {
    const session = await signIn(a, 'us.head');
    expect((await call(b, 'GET', '/session', session)).status).toBe(200);
    expect((await call(b, 'DELETE', '/session', session)).status).toBe(200);
    expect((await call(a, 'GET', '/session', session)).status).toBe(401);

    const again = await signIn(b, 'us.head');
    const token = await call(a, 'POST', '/tokens', again, { label: 'laptop' });
    expect(token.status).toBe(201);
    const secret = token.json.secret as string;
    expect((await call(b, 'GET', '/session', secret)).status).toBe(200);
    expect(
      (await call(b, 'DELETE', `/tokens/${(token.json.token as { id: string }).id}`, again)).status,
    ).toBe(200);
    for (const server of [a, b]) expect((await call(server, 'GET', '/session', secret)).status).toBe(401);
  });

  it('count failed sign-ins across both: the limit holds whichever server a guess reaches', async () => {
    // Five failures per account are free (in the last hour); they are spread over both servers here.
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? a : b;
      const guess = await call(server, 'POST', '/session', undefined, {
        username: 'uk.head',
        password: `wrong ${i}`,
      });
      expect(guess.status).toBe(401);
    }
    // The sixth attempt waits, on either server, even with the right password.
    for (const server of [a, b]) {
      const held = await call(server, 'POST', '/session', undefined, { username: 'uk.head', password });
      expect(held.status).toBe(429);
    }
  });

  it("bring a relay written through A to the recipient's stream on B within a second, and to no one else's", async () => {
    const us = await stream(b, await signIn(b, 'us.head'));
    const france = await stream(b, await signIn(b, 'france.head'));
    const iran = await signIn(a, 'iran.head');
    const chair = await signIn(a, 'coordinator');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const paper = await call(a, 'POST', '/documents', iran, { title: 'Across servers', text: 'x' });
    const id = paper.json.documentId as string;
    expect(
      (await call(a, 'POST', `/documents/${id}/send`, iran, { number: 1, expectedVersion: 1 })).status,
    ).toBe(200);
    const madeAt = Date.now();
    const relayed = await call(a, 'POST', `/documents/${id}/relays`, chair, {
      documentVersion: 1,
      note: '',
      to: ['us'],
    });
    expect(relayed.status).toBe(201);
    while (us.length === 0 && Date.now() - madeAt < 3000)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(us.map((e) => e.type)).toEqual(['relay.received']);
    expect(us[0]!.at - madeAt).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(france).toEqual([]);
  });
});
