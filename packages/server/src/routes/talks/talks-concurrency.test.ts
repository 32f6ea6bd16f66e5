import { openPostgresTestWorkbench } from '@lockstep/app/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

let t: TalksTestServer;
let coordinators: string[] = [];
/** Six sessions per delegation: its head and a member, three browsers each. */
let delegates = { iran: [] as string[], us: [] as string[] };

/**
 * The same test server on a fresh database of the run's PostgreSQL cluster: there writes really run at once
 * on a pool of connections (the embedded PGlite runs one statement at a time), so a missing lock shows.
 */
async function startOnPostgres(): Promise<TalksTestServer> {
  const { workbench, dropDatabase } = await openPostgresTestWorkbench(
    inject('postgresUrl'),
    inject('postgresSetupError'),
  );
  return startTalksTestServer(workbench, dropDatabase);
}

const engines = [
  { name: 'PGlite', start: startTalksTestServer },
  { name: 'PostgreSQL', start: startOnPostgres },
];

describe.each(engines)('on $name', ({ start }) => {
  beforeAll(async () => {
    t = await start();
    coordinators = [];
    delegates = { iran: [], us: [] };
    await t.user('chair', 'coordinator');
    // Each client has a session of its own, as separate people in the coordinator's office would.
    for (let i = 0; i < 12; i++) coordinators.push(await t.signIn('chair'));
    for (const delegation of ['iran', 'us'] as const) {
      await t.user(`${delegation}.head`, 'head', delegation);
      await t.user(`${delegation}.member`, 'member', delegation);
      for (let i = 0; i < 3; i++) {
        delegates[delegation].push(await t.signIn(`${delegation}.head`));
        delegates[delegation].push(await t.signIn(`${delegation}.member`));
      }
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  concurrencyTests();
});

interface Clause {
  id: string;
  version: number;
  status: string;
  alternatives: { id: string; text: string }[];
  history: { to: string }[];
}

async function clause(id: string, cookie = coordinators[0]!): Promise<Clause> {
  const text = await t.server.inject({ url: '/api/talks/texts/sequencing', headers: { cookie } });
  return text.json().clauses.find((c: Clause) => c.id === id);
}

/** Adds a clause to the sequencing text (retrying on 409) and returns its id. */
async function newClause(title: string): Promise<string> {
  for (;;) {
    const text = await t.server.inject({
      url: '/api/talks/texts/sequencing',
      headers: { cookie: coordinators[0]! },
    });
    const added = await t.server.inject({
      method: 'POST',
      url: '/api/talks/texts/sequencing/clauses',
      headers: { cookie: coordinators[0]! },
      payload: { title, expectedVersion: text.json().version },
    });
    if (added.statusCode === 201) return added.json().clauses.at(-1).id;
    expect(added.statusCode).toBe(409);
  }
}

function write(cookie: string, id: string, what: 'alternatives' | 'status', payload: object) {
  return t.server.inject({
    method: 'POST',
    url: `/api/talks/texts/sequencing/clauses/${id}/${what}`,
    headers: { cookie },
    payload,
  });
}

interface AuditEntry {
  seq: number;
  action: string;
  target: string;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let after = 0; ; ) {
    const page = await t.server.inject({
      url: `/api/talks/audit?after=${after}&limit=1000`,
      headers: { cookie: t.admin },
    });
    const batch: AuditEntry[] = page.json().entries;
    if (batch.length === 0) return entries;
    entries.push(...batch);
    after = batch.at(-1)!.seq;
  }
}

/** The chain verifies, counts every entry, and the clause has one entry per accepted write (none for a 409). */
async function expectAuditMatches(clauseId: string, writes: number) {
  const verify = await t.server.inject({ url: '/api/talks/audit/verify', headers: { cookie: t.admin } });
  expect(verify.statusCode).toBe(200);
  expect(verify.json()).toMatchObject({ ok: true });
  const entries = await auditEntries();
  expect(verify.json().count).toBe(entries.length);
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  const onClause = entries.filter(
    (e) => e.target === `clause:sequencing/${clauseId}` && e.action !== 'text.add-clause',
  );
  expect(onClause).toHaveLength(writes);
}

function concurrencyTests() {
  describe('concurrent edits of one clause', () => {
    it('lands or refuses (409) every write, and the clause ends as the accepted writes made it', async () => {
      const added = await t.server.inject({
        method: 'POST',
        url: '/api/talks/texts/sequencing/clauses',
        headers: { cookie: coordinators[0]! },
        payload: { title: 'Order of the first steps', expectedVersion: 1 },
      });
      const id: string = added.json().clauses.at(-1).id;
      const statuses: number[] = [];
      const accepted: string[] = [];
      // Every client proposes its wording, retrying on 409 with the version the refusal names.
      await Promise.all(
        coordinators.map(async (cookie, k) => {
          let version = 1;
          for (let attempt = 0; attempt < 50; attempt++) {
            const response = await t.server.inject({
              method: 'POST',
              url: `/api/talks/texts/sequencing/clauses/${id}/alternatives`,
              headers: { cookie },
              payload: { text: `Wording of client ${k}`, proposer: 'coordinator', expectedVersion: version },
            });
            statuses.push(response.statusCode);
            if (response.statusCode === 201) {
              accepted.push(`Wording of client ${k}`);
              return;
            }
            expect(response.statusCode).toBe(409);
            version = response.json().error.currentVersion;
          }
          throw new Error(`client ${k} never landed its write`);
        }),
      );
      expect(new Set(statuses)).toEqual(new Set([201, 409]));
      expect(accepted).toHaveLength(coordinators.length);
      const final = await clause(id);
      // The clause holds exactly the accepted writes, in the order they landed, and one version per write.
      expect(final.alternatives.map((a) => a.text)).toEqual(accepted);
      expect(final.version).toBe(1 + accepted.length);
      await expectAuditMatches(id, accepted.length);
    });

    it('serialises proposals and status changes sent at once: 2xx or 409 only, and the clause is their replay', async () => {
      const id = await newClause('Mixed writers');
      // A standing alternative first, so that the clause may be agreed ad referendum on it.
      const seeded = await write(coordinators[0]!, id, 'alternatives', {
        text: 'seed wording',
        proposer: 'coordinator',
        expectedVersion: 1,
      });
      expect(seeded.statusCode).toBe(201);
      const statuses: number[] = [];
      /** Every accepted write, with the clause version it produced (the order the server applied them in). */
      const landed: { version: number; kind: 'propose' | 'status'; text?: string; to?: string }[] = [];
      // 8 clients propose one wording each; 4 clients record two status changes each, chosen from the state
      // they read (open -> agreed ad referendum on the seed, and back to open). On 409 a client reads again.
      await Promise.all(
        coordinators.map(async (cookie, k) => {
          const proposer = k < 8;
          let remaining = proposer ? 1 : 2;
          for (let attempt = 0; remaining > 0; attempt++) {
            if (attempt > 200) throw new Error(`client ${k} never landed its writes`);
            const current = await clause(id, cookie);
            if (proposer && current.status !== 'open') {
              await new Promise((resolve) => setTimeout(resolve, 5)); // wait for the clause to be reopened
              continue;
            }
            const to = current.status === 'open' ? 'agreed-ad-referendum' : 'open';
            const response = proposer
              ? await write(cookie, id, 'alternatives', {
                  text: `Wording of client ${k}`,
                  proposer: 'coordinator',
                  expectedVersion: current.version,
                })
              : await write(cookie, id, 'status', {
                  to,
                  ...(to === 'open' ? {} : { alternativeId: current.alternatives[0]!.id }),
                  expectedVersion: current.version,
                });
            statuses.push(response.statusCode);
            if (response.statusCode === 409) {
              expect(response.json().error.currentVersion).toBeGreaterThan(current.version);
              continue;
            }
            expect([200, 201], `client ${k}: ${response.body}`).toContain(response.statusCode);
            const version = response.json().clauses.find((c: Clause) => c.id === id).version;
            landed.push(
              proposer
                ? { version, kind: 'propose', text: `Wording of client ${k}` }
                : { version, kind: 'status', to },
            );
            remaining--;
          }
        }),
      );
      expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
      expect(statuses).toContain(409); // the writers really did collide
      landed.sort((a, b) => a.version - b.version);
      expect(landed).toHaveLength(8 + 4 * 2);
      // One version per accepted write, none skipped and none given twice.
      expect(landed.map((w) => w.version)).toEqual(landed.map((_, i) => 3 + i));
      const final = await clause(id);
      expect(final.version).toBe(2 + landed.length);
      expect(final.alternatives.map((a) => a.text)).toEqual([
        'seed wording',
        ...landed.flatMap((w) => (w.kind === 'propose' ? [w.text] : [])),
      ]);
      const changes = landed.flatMap((w) => (w.kind === 'status' ? [w.to] : []));
      expect(final.history.map((h) => h.to)).toEqual(changes);
      expect(changes).toEqual([
        'agreed-ad-referendum',
        'open',
        'agreed-ad-referendum',
        'open',
        'agreed-ad-referendum',
        'open',
        'agreed-ad-referendum',
        'open',
      ]);
      expect(final.status).toBe('open');
      await expectAuditMatches(id, 1 + landed.length);
    }, 60_000);

    it('for any mix of status changes and proposals sent at once, equals the replay of the accepted ones', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({
                kind: fc.constant('propose' as const),
                text: fc.string({ minLength: 1, maxLength: 20 }),
              }),
              fc.record({
                kind: fc.constant('status' as const),
                to: fc.constantFrom('agreed-ad-referendum', 'agreed', 'open'),
              }),
            ),
            { minLength: 2, maxLength: 8 },
          ),
          async (writes) => {
            const added = await t.server.inject({
              method: 'POST',
              url: '/api/talks/texts/sequencing/clauses',
              headers: { cookie: coordinators[0]! },
              payload: {
                title: 'Property clause',
                expectedVersion: (
                  await t.server.inject({
                    url: '/api/talks/texts/sequencing',
                    headers: { cookie: coordinators[0]! },
                  })
                ).json().version,
              },
            });
            const id: string = added.json().clauses.at(-1).id;
            await t.server.inject({
              method: 'POST',
              url: `/api/talks/texts/sequencing/clauses/${id}/alternatives`,
              headers: { cookie: coordinators[0]! },
              payload: { text: 'seed wording', proposer: 'coordinator', expectedVersion: 1 },
            });
            // All sent at once on version 2: exactly one may land, the rest are stale or break a rule.
            const responses = await Promise.all(
              writes.map((w, k) =>
                t.server.inject({
                  method: 'POST',
                  url:
                    w.kind === 'propose'
                      ? `/api/talks/texts/sequencing/clauses/${id}/alternatives`
                      : `/api/talks/texts/sequencing/clauses/${id}/status`,
                  headers: { cookie: coordinators[k % coordinators.length]! },
                  payload:
                    w.kind === 'propose'
                      ? { text: w.text, proposer: 'coordinator', expectedVersion: 2 }
                      : { to: w.to, expectedVersion: 2 },
                }),
              ),
            );
            const landed = responses.flatMap((r, k) => (r.statusCode < 300 ? [writes[k]!] : []));
            for (const r of responses) expect([200, 201, 409, 422]).toContain(r.statusCode);
            expect(landed.length).toBeLessThanOrEqual(1);
            const final = await clause(id);
            expect(final.version).toBe(2 + landed.length);
            const only = landed[0];
            if (only?.kind === 'propose')
              expect(final.alternatives.map((a) => a.text)).toEqual(['seed wording', only.text]);
            else expect(final.alternatives.map((a) => a.text)).toEqual(['seed wording']);
            expect(final.status).toBe(only?.kind === 'status' ? only.to : 'open');
          },
        ),
        { numRuns: 15 },
      );
    }, 60_000);
  });

  describe('two delegations writing their own papers at once', () => {
    it('loses no version: each paper holds exactly the versions whose write was acknowledged', async () => {
      const papers: Record<string, string> = {};
      for (const delegation of ['iran', 'us'] as const) {
        const created = await t.server.inject({
          method: 'POST',
          url: '/api/talks/documents',
          headers: { cookie: delegates[delegation][0]! },
          payload: { title: `${delegation} paper`, text: `${delegation} version 1` },
        });
        expect(created.statusCode).toBe(201);
        papers[delegation] = created.json().documentId;
      }
      const statuses: number[] = [];
      const acknowledged: Record<string, { number: number; text: string }[]> = { iran: [], us: [] };
      // Every session of both delegations adds three versions, retrying on 409 with the current version.
      await Promise.all(
        (['iran', 'us'] as const).flatMap((delegation) =>
          delegates[delegation].map(async (cookie, k) => {
            let expectedVersion = 1;
            for (let n = 0; n < 3; n++) {
              const text = `${delegation} session ${k} draft ${n}`;
              for (let attempt = 0; ; attempt++) {
                if (attempt > 100) throw new Error(`${text} never landed`);
                const response = await t.server.inject({
                  method: 'POST',
                  url: `/api/talks/documents/${papers[delegation]}/versions`,
                  headers: { cookie },
                  payload: { text, expectedVersion },
                });
                statuses.push(response.statusCode);
                if (response.statusCode === 409) {
                  expectedVersion = response.json().error.currentVersion;
                  continue;
                }
                expect(response.statusCode, response.body).toBe(201);
                const view = response.json();
                acknowledged[delegation]!.push({ number: view.version, text });
                expectedVersion = view.version;
                break;
              }
            }
          }),
        ),
      );
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      expect(statuses).toContain(409); // the sessions of one delegation really did collide
      for (const delegation of ['iran', 'us'] as const) {
        const other = delegation === 'iran' ? 'us' : 'iran';
        const paper = await t.server.inject({
          url: `/api/talks/documents/${papers[delegation]}`,
          headers: { cookie: delegates[delegation][1]! },
        });
        const view = paper.json();
        expect(view.kind).toBe('own');
        const mine = acknowledged[delegation]!.sort((a, b) => a.number - b.number);
        expect(mine).toHaveLength(delegates[delegation].length * 3);
        expect(view.version).toBe(1 + mine.length);
        expect(view.versions.map((v: { number: number; text: string }) => [v.number, v.text])).toEqual([
          [1, `${delegation} version 1`],
          ...mine.map((v) => [v.number, v.text]),
        ]);
        expect(paper.body).not.toContain(`${other} session`);
      }
      const verify = await t.server.inject({ url: '/api/talks/audit/verify', headers: { cookie: t.admin } });
      expect(verify.json()).toMatchObject({ ok: true });
    }, 60_000);
  });
}
