import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

let t: TalksTestServer;
const coordinators: string[] = [];

beforeAll(async () => {
  t = await startTalksTestServer();
  await t.user('chair', 'coordinator');
  // Each client has a session of its own, as separate people in the coordinator's office would.
  for (let i = 0; i < 12; i++) coordinators.push(await t.signIn('chair'));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

interface Clause {
  id: string;
  version: number;
  status: string;
  alternatives: { id: string; text: string }[];
}

async function clause(id: string): Promise<Clause> {
  const text = await t.server.inject({
    url: '/api/talks/texts/sequencing',
    headers: { cookie: coordinators[0]! },
  });
  return text.json().clauses.find((c: Clause) => c.id === id);
}

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
    const verify = await t.server.inject({ url: '/api/talks/audit/verify', headers: { cookie: t.admin } });
    expect(verify.json()).toMatchObject({ ok: true });
  });

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
