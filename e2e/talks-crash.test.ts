import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type ServerProcess, startServer } from './server-process.ts';

let server: ServerProcess | undefined;
const password = 'crash-test-password';
const cleanUps: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  server = undefined;
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

/** Where the server keeps its data: a fresh embedded store, or a fresh database on the test cluster. */
async function storeFor(
  engine: 'embedded' | 'PostgreSQL',
): Promise<{ dataDir: string; env: NodeJS.ProcessEnv }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-e2e-crash-'));
  cleanUps.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (engine === 'embedded') return { dataDir, env: {} };
  const database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
  cleanUps.push(() => database.drop());
  return { dataDir, env: { DATABASE_URL: database.url } };
}

/** The parts of the talks' answers this test reads. */
interface Answer {
  version: number;
  clauses: { id: string; title: string; version: number; alternatives: { text: string }[] }[];
  texts: Answer[];
  entries: { seq: number; action: string }[];
  ok: boolean;
  count: number;
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

async function signIn(username: string): Promise<string> {
  const response = await call('POST', '/session', undefined, { username, password });
  expect(response.status).toBe(200);
  return response.cookie;
}

/** The whole audit log, a page at a time. */
async function auditLog(admin: string): Promise<Answer['entries']> {
  const entries: Answer['entries'] = [];
  for (let after = 0; ; ) {
    const page = await call('GET', `/audit?after=${after}&limit=1000`, admin);
    expect(page.status).toBe(200);
    if (page.json.entries.length === 0) return entries;
    entries.push(...page.json.entries);
    after = page.json.entries.at(-1)!.seq;
  }
}

describe.each(['embedded', 'PostgreSQL'] as const)(
  'a crash during a write burst on the %s store',
  (engine) => {
    it('loses no acknowledged write and leaves an audit chain that verifies', async () => {
      const { dataDir, env } = await storeFor(engine);
      server = await startServer(dataDir, env);
      // The first run as on a real deployment: the first admin with the console code the server printed, then
      // the first coordinator, confirmed with the next console code and activated by its person.
      const firstCode = server.consoleCode();
      const setup = await call('POST', '/setup', undefined, {
        username: 'admin',
        displayName: 'Admin',
        password,
        setupCode: firstCode,
      });
      expect(setup.status).toBe(201);
      const admin = await signIn('admin');
      const chairCreated = await call('POST', '/users', admin, {
        username: 'chair',
        displayName: 'Chair',
        role: 'coordinator',
      });
      expect(chairCreated.status).toBe(201);
      const chairId = (chairCreated.json as unknown as { id: string }).id;
      // The server printed a new console code when the first coordinator's account was made.
      for (let i = 0; i < 100 && server.consoleCode() === firstCode; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(server.consoleCode()).not.toBe(firstCode);
      const confirmed = await call('POST', '/setup/coordinator', undefined, {
        userId: chairId,
        setupCode: server.consoleCode(),
      });
      expect(confirmed.status).toBe(200);
      // The first coordinator's activation code is printed on the server's console, not sent back.
      for (let i = 0; i < 100 && !server.activationCode(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const activationCode = server.activationCode();
      const activated = await call('POST', '/activate', undefined, {
        username: 'chair',
        activationCode,
        password,
      });
      expect(activated.status).toBe(200);
      const chair = await signIn('chair');

      // Four writers, each on a clause of its own, proposing wording after wording as fast as answers come,
      // and a fifth adding clause after clause to another text.
      const clauses: string[] = [];
      for (let k = 0; k < 4; k++) {
        const text = await call('GET', '/texts/sequencing', chair);
        const added = await call('POST', '/texts/sequencing/clauses', chair, {
          title: `Clause of writer ${k}`,
          expectedVersion: text.json.version,
        });
        expect(added.status).toBe(201);
        clauses.push(added.json.clauses.at(-1)!.id);
      }
      const acknowledged: string[] = [];
      const acknowledgedClauses: string[] = [];
      /** Answers other than the one expected, before the crash: there should be none. */
      const unexpected: string[] = [];
      let stop = false;
      const proposers = clauses.map(async (id, k) => {
        let version = 1;
        for (let i = 0; !stop; i++) {
          const wording = `writer ${k} wording ${i}`;
          let response: Awaited<ReturnType<typeof call>>;
          try {
            response = await call('POST', `/texts/sequencing/clauses/${id}/alternatives`, chair, {
              text: wording,
              proposer: 'coordinator',
              expectedVersion: version,
            });
          } catch {
            return; // the server died mid-request: this write was never acknowledged
          }
          if (response.status !== 201) {
            unexpected.push(`${wording}: ${response.status}`);
            return;
          }
          acknowledged.push(wording);
          version = response.json.clauses.find((c) => c.id === id)!.version;
        }
      });
      const clauseAdder = (async () => {
        let version = (await call('GET', '/texts/nuclear-implementation', chair)).json.version;
        for (let i = 0; !stop; i++) {
          const title = `crash clause ${i}`;
          let response: Awaited<ReturnType<typeof call>>;
          try {
            response = await call('POST', '/texts/nuclear-implementation/clauses', chair, {
              title,
              expectedVersion: version,
            });
          } catch {
            return;
          }
          if (response.status !== 201) {
            unexpected.push(`${title}: ${response.status}`);
            return;
          }
          acknowledgedClauses.push(title);
          version = response.json.version;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const killed = await server.stop('SIGKILL');
      stop = true;
      await Promise.all([...proposers, clauseAdder]);
      expect(killed.code).toBeNull(); // killed by the signal, not exited
      expect(unexpected).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(acknowledgedClauses.length).toBeGreaterThan(2);

      // Restarted on the same store (on the embedded one, its lock is stale now and is taken over).
      server = await startServer(dataDir, env);
      const admin2 = await signIn('admin');
      const chair2 = await signIn('chair');
      const verify = await call('GET', '/audit/verify', admin2);
      expect(verify.status).toBe(200);
      expect(verify.json).toMatchObject({ ok: true });
      const texts = await call('GET', '/texts', chair2);
      expect(texts.status).toBe(200);
      const all = texts.json.texts.flatMap((t) => t.clauses);
      const stored = new Set(all.flatMap((c) => c.alternatives.map((a) => a.text)));
      expect(acknowledged.filter((w) => !stored.has(w))).toEqual([]);
      const storedTitles = new Set(all.map((c) => c.title));
      expect(acknowledgedClauses.filter((title) => !storedTitles.has(title))).toEqual([]);
      // At most the one write in flight per writer may have landed unacknowledged.
      expect(stored.size - acknowledged.length).toBeLessThanOrEqual(clauses.length);
      // Every stored write has its audit entry and no entry is without its write: the log and the texts
      // were committed together.
      const entries = await auditLog(admin2);
      expect(verify.json.count).toBe(entries.length);
      expect(entries.filter((e) => e.action === 'text.propose')).toHaveLength(stored.size);
      expect(entries.filter((e) => e.action === 'text.add-clause')).toHaveLength(all.length);

      // The store takes writes again, and the chain still holds after them.
      const nuclear = await call('GET', '/texts/nuclear-implementation', chair2);
      const after = await call('POST', '/texts/nuclear-implementation/clauses', chair2, {
        title: 'after the crash',
        expectedVersion: nuclear.json.version,
      });
      expect(after.status).toBe(201);
      const verifyAgain = await call('GET', '/audit/verify', admin2);
      expect(verifyAgain.json).toMatchObject({ ok: true, count: entries.length + 1 });
    }, 150_000);
  },
);
