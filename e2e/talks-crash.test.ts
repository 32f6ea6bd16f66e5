import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from './server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-e2e-crash-'));
let server: ServerProcess | undefined;
const password = 'crash-test-password';

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** The parts of the talks' answers this test reads. */
interface Answer {
  version: number;
  clauses: { id: string; version: number; alternatives: { text: string }[] }[];
  entries: { action: string }[];
  ok: boolean;
}

async function call(method: string, path: string, cookie?: string, body?: unknown) {
  const response = await fetch(new URL(`/api/talks${path}`, server!.url), {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    json: (await response.json().catch(() => ({}))) as Answer,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
}

describe('a crash during a write burst', () => {
  it('loses no acknowledged write and leaves an audit chain that verifies', async () => {
    server = await startServer(dataDir);
    expect(
      (await call('POST', '/setup', undefined, { username: 'admin', displayName: 'Admin', password })).status,
    ).toBe(201);
    const admin = (await call('POST', '/session', undefined, { username: 'admin', password })).cookie;
    await call('POST', '/users', admin, {
      username: 'chair',
      displayName: 'Chair',
      role: 'coordinator',
      password,
    });
    const chair = (await call('POST', '/session', undefined, { username: 'chair', password })).cookie;

    // Four writers, each on a clause of its own, proposing wording after wording as fast as answers come.
    const clauses: string[] = [];
    for (let k = 0; k < 4; k++) {
      const text = await call('GET', '/texts/sequencing', chair);
      const added = await call('POST', '/texts/sequencing/clauses', chair, {
        title: `Clause of writer ${k}`,
        expectedVersion: text.json.version,
      });
      clauses.push(added.json.clauses.at(-1)!.id);
    }
    const acknowledged: string[] = [];
    let stop = false;
    const writers = clauses.map(async (id, k) => {
      let version = 1;
      for (let i = 0; !stop; i++) {
        const wording = `writer ${k} wording ${i}`;
        try {
          const response = await call('POST', `/texts/sequencing/clauses/${id}/alternatives`, chair, {
            text: wording,
            proposer: 'coordinator',
            expectedVersion: version,
          });
          if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
          acknowledged.push(wording);
          version = response.json.clauses.find((c) => c.id === id)!.version;
        } catch {
          return; // the server died mid-request: this write was never acknowledged
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const killed = await server.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(killed.code).toBeNull(); // killed by the signal, not exited
    expect(acknowledged.length).toBeGreaterThan(10);

    // Restarted on the same data directory (its lock is stale now and is taken over).
    server = await startServer(dataDir);
    const admin2 = (await call('POST', '/session', undefined, { username: 'admin', password })).cookie;
    const verify = await call('GET', '/audit/verify', admin2);
    expect(verify.status).toBe(200);
    expect(verify.json).toMatchObject({ ok: true });
    const chair2 = (await call('POST', '/session', undefined, { username: 'chair', password })).cookie;
    const text = await call('GET', '/texts/sequencing', chair2);
    const stored = new Set(text.json.clauses.flatMap((c) => c.alternatives.map((a) => a.text)));
    const lost = acknowledged.filter((w) => !stored.has(w));
    expect(lost).toEqual([]);
    // Every stored write has its audit entry: one per proposal, plus the setup writes.
    const audit = await call('GET', '/audit?limit=1000', admin2);
    const proposals = audit.json.entries.filter((e) => e.action === 'text.propose');
    expect(proposals.length).toBe(stored.size);
  }, 150_000);
});
