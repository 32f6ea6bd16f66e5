import { Workbench } from '@lockstep/app';
import { talksBodyLimitBytes } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../build-server.ts';
import { startTalksTestServer, type TalksTestServer, testPassword } from './talks-test-server.ts';

let t: TalksTestServer;
const c: Record<string, string> = {};

async function call(who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await t.server.inject({
    method,
    url: `/api/talks${url}`,
    headers: { cookie: c[who]! },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return {
    status: response.statusCode,
    json: response.body ? response.json() : undefined,
    body: response.body,
  };
}

beforeAll(async () => {
  t = await startTalksTestServer();
  const people: [string, string, string?][] = [
    ['coordinator', 'coordinator'],
    ['us', 'head', 'us'],
    ['iran', 'head', 'iran'],
    ['france', 'member', 'france'],
    ['observer', 'observer'],
  ];
  for (const [name, role, delegation] of people) {
    await t.user(name, role, delegation);
    c[name] = await t.signIn(name);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('first run', () => {
  it('creates the first admin only from this machine and only while there is no account', async () => {
    const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const server = await buildServer({ workbench });
    try {
      const setupCode = workbench.talks.accounts.issueConsoleCode();
      const admin = { username: 'first', displayName: 'First Admin', password: testPassword, setupCode };
      expect((await server.inject('/api/talks/setup')).json()).toEqual({
        needsAdmin: true,
        fromLocalhost: true,
      });
      const remoteState = await server.inject({ url: '/api/talks/setup', remoteAddress: '198.51.100.4' });
      expect(remoteState.json()).toEqual({ needsAdmin: true, fromLocalhost: false });
      // Even while no account exists, another machine may not claim the server.
      const remote = await server.inject({
        method: 'POST',
        url: '/api/talks/setup',
        remoteAddress: '198.51.100.4',
        payload: admin,
      });
      expect(remote.statusCode).toBe(403);
      expect(remote.json().error.code).toBe('forbidden');
      expect((await server.inject('/api/talks/setup')).json().needsAdmin).toBe(true);
      const weak = await server.inject({
        method: 'POST',
        url: '/api/talks/setup',
        payload: { ...admin, password: 'short' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.message).toMatch(/12 characters/);
      const common = await server.inject({
        method: 'POST',
        url: '/api/talks/setup',
        payload: { ...admin, password: 'password1234' },
      });
      expect(common.statusCode).toBe(422);
      expect(common.json().error).toMatchObject({
        field: 'password',
        message: expect.stringMatching(/too easy to guess/),
      });
      const created = await server.inject({ method: 'POST', url: '/api/talks/setup', payload: admin });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ username: 'first', role: 'admin' });
      expect(created.body).not.toContain(testPassword);
      const again = await server.inject({
        method: 'POST',
        url: '/api/talks/setup',
        payload: { ...admin, username: 'second' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('conflict');
      // The admin can sign in; the refused second admin cannot.
      const signIn = (username: string) =>
        server.inject({
          method: 'POST',
          url: '/api/talks/session',
          payload: { username, password: testPassword },
        });
      expect((await signIn('first')).statusCode).toBe(200);
      expect((await signIn('second')).statusCode).toBe(401);
    } finally {
      await server.close();
      await workbench.close();
    }
  });

  it('lets only one of several first-admin requests sent at once through', async () => {
    const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const server = await buildServer({ workbench });
    try {
      const setupCode = workbench.talks.accounts.issueConsoleCode();
      const answers = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          server.inject({
            method: 'POST',
            url: '/api/talks/setup',
            payload: { username: `racer-${i}`, displayName: `Racer ${i}`, password: testPassword, setupCode },
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
      expect(await workbench.talks.accounts.needsAdmin()).toBe(false);
    } finally {
      await server.close();
      await workbench.close();
    }
  });

  it('refuses a second first admin, and any first admin from another machine', async () => {
    const again = await t.server.inject({
      method: 'POST',
      url: '/api/talks/setup',
      payload: { username: 'admin2', displayName: 'Admin 2', password: testPassword },
    });
    expect(again.statusCode).toBe(409);
    const remote = await t.server.inject({
      method: 'POST',
      url: '/api/talks/setup',
      remoteAddress: '203.0.113.7',
      payload: { username: 'admin3', displayName: 'Admin 3', password: testPassword },
    });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.message).toContain('127.0.0.1');
    const state = await t.server.inject('/api/talks/setup');
    expect(state.json()).toEqual({ needsAdmin: false, fromLocalhost: true });
  });
});

describe('a paper relayed through the coordinator', () => {
  let paper = '';

  it('reaches the US only in its relayed form: never the original text, the author or the other versions', async () => {
    const created = await call('iran', 'POST', '/documents', {
      title: 'Iranian non-paper on verification',
      text: 'ORIGINAL: verify for six months',
    });
    expect(created.status).toBe(201);
    paper = created.json.documentId;
    expect(paper).not.toMatch(/iran/i);
    await call('iran', 'POST', `/documents/${paper}/versions`, {
      text: 'DRAFT TWO: never sent',
      expectedVersion: 1,
    });
    expect(
      (await call('iran', 'POST', `/documents/${paper}/send`, { number: 1, expectedVersion: 2 })).status,
    ).toBe(200);
    // Before the relay the paper does not exist for the US.
    expect((await call('us', 'GET', `/documents/${paper}`)).status).toBe(404);
    // The coordinator sees the sent version only, not the draft.
    const sent = await call('coordinator', 'GET', `/documents/${paper}`);
    expect(sent.json.kind).toBe('sent');
    expect(sent.body).not.toContain('DRAFT TWO');
    const relay = await call('coordinator', 'POST', `/documents/${paper}/relays`, {
      documentVersion: 1,
      title: 'Views on verification',
      text: 'EDITED: one delegation asks for a verification period',
      note: 'For the sanctions group',
      to: ['us'],
    });
    expect(relay.status).toBe(201);
    // The US reads the relay, never the paper: the paper's id answers 404 and appears nowhere it can see.
    expect((await call('us', 'GET', `/documents/${paper}`)).status).toBe(404);
    const items = (await call('us', 'GET', '/documents')).json.items;
    expect(items).toHaveLength(1);
    const seen = await call('us', 'GET', `/relays/${items[0].relayId}`);
    expect(seen.status).toBe(200);
    expect(seen.json).toMatchObject({
      title: 'Views on verification',
      text: 'EDITED: one delegation asks for a verification period',
      note: 'For the sanctions group',
    });
    expect(seen.json.author).toBeUndefined();
    for (const hidden of ['ORIGINAL', 'DRAFT TWO', 'iran', 'Iranian', paper])
      expect(seen.body).not.toContain(hidden);
    // Nor does a refusal to write to it name its author: for the US the paper does not exist.
    for (const action of ['versions', 'send']) {
      const refused = await call('us', 'POST', `/documents/${paper}/${action}`, {
        text: 'x',
        number: 1,
        expectedVersion: 1,
      });
      expect(refused.status, action).toBe(404);
      expect(refused.body.toLowerCase(), action).not.toContain('iran');
    }
    const inbox = await call('us', 'GET', '/documents');
    expect(inbox.body).toContain('EDITED');
    expect(inbox.body).not.toContain('ORIGINAL');
    expect(inbox.body).not.toContain(paper);
    // France was not a recipient, of the paper or of the relay.
    expect((await call('france', 'GET', `/documents/${paper}`)).status).toBe(404);
    expect((await call('france', 'GET', `/relays/${items[0].relayId}`)).status).toBe(404);
    // Refused attempts are in the record, with who tried and on what; reads by id carry no text.
    const audit = await t.server.inject({ url: '/api/talks/audit?limit=1000', headers: { cookie: t.admin } });
    const refused = audit
      .json()
      .entries.filter((e: { action: string }) => e.action === 'document.read.refused');
    expect(refused.map((e: { actor: { delegation: string } }) => e.actor.delegation)).toEqual([
      'us',
      'us',
      'france',
    ]);
    expect(refused[0]).toMatchObject({ target: `document:${paper}`, detail: { status: 404 } });
    const refusedRelay = audit
      .json()
      .entries.filter((e: { action: string }) => e.action === 'relay.read.refused');
    expect(refusedRelay).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ delegation: 'france' }),
        detail: { status: 404 },
      }),
    ]);
    expect(audit.body).not.toContain('ORIGINAL');
  });

  it('sends plenary relays to the plenary members and observers, not to the US', async () => {
    const relay = await call('coordinator', 'POST', `/documents/${paper}/relays`, {
      documentVersion: 1,
      note: 'To the Joint Commission',
      to: ['plenary'],
      discloseAuthor: true,
    });
    expect(relay.status).toBe(201);
    const france = await call('france', 'GET', '/documents');
    expect(france.json.items).toEqual([
      expect.objectContaining({ kind: 'received', author: 'iran', text: 'ORIGINAL: verify for six months' }),
    ]);
    const observer = await call('observer', 'GET', '/documents');
    expect(observer.status).toBe(200);
    expect(observer.json.items).toEqual([
      expect.objectContaining({ note: 'To the Joint Commission', text: 'ORIGINAL: verify for six months' }),
    ]);
    expect(observer.body).not.toContain('EDITED'); // the relay to the US alone is not the observer's
    const relayId = observer.json.items[0].relayId;
    expect((await call('observer', 'GET', `/relays/${relayId}`)).json.author).toBe('iran');
    const us = await call('us', 'GET', '/documents');
    expect(us.json.items).toHaveLength(1); // still only the relay addressed to it
    expect(us.body).not.toContain('Joint Commission');
    expect((await call('us', 'GET', `/relays/${relayId}`)).status).toBe(404);
  });

  it('answers 409 with the current version to a stale write, and 422 to a rule broken', async () => {
    const stale = await call('iran', 'POST', `/documents/${paper}/versions`, {
      text: 'late',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'conflict', currentVersion: 3, field: 'expectedVersion' });
    const toAuthor = await call('coordinator', 'POST', `/documents/${paper}/relays`, {
      documentVersion: 1,
      note: '',
      to: ['iran'],
    });
    expect(toAuthor.status).toBe(422);
    expect(toAuthor.json.error.field).toBe('to[0]');
    const draft = await call('coordinator', 'POST', `/documents/${paper}/relays`, {
      documentVersion: 2,
      note: '',
      to: ['us'],
    });
    expect(draft.status).toBe(404);
  });
});

describe('the negotiating text, rounds and progress', () => {
  it('hides proposers unless disclosed, records status, and counts progress', async () => {
    const added = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses', {
      title: 'Scope of lifting',
      weight: 2,
      references: [{ kind: 'sequencing-plan', ids: ['jcpoa-2021'] }],
      expectedVersion: 1,
    });
    expect(added.status).toBe(201);
    const clause = added.json.clauses[0];
    expect(clause).toMatchObject({ id: 'sl-1', status: 'open', version: 1 });
    const first = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/alternatives', {
      text: 'All sanctions since 2018',
      proposer: 'iran',
      expectedVersion: 1,
    });
    const second = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/alternatives', {
      text: 'Sanctions inconsistent with the JCPOA',
      proposer: 'us',
      disclosedTo: ['france'],
      expectedVersion: 2,
    });
    expect(second.status).toBe(201);
    expect(first.json.clauses[0].alternatives[0].proposer).toBe('iran'); // the coordinator sees proposers
    const proposers = async (who: string) =>
      (await call(who, 'GET', '/texts/sanctions-lifting')).json.clauses[0].alternatives.map(
        (a: { proposer?: string }) => a.proposer ?? null,
      );
    expect(await proposers('us')).toEqual([null, 'us']);
    expect(await proposers('iran')).toEqual(['iran', null]);
    expect(await proposers('france')).toEqual([null, 'us']);
    expect(await proposers('observer')).toEqual([null, null]);
    // Delegations cannot write the text.
    expect(
      (
        await call('us', 'POST', '/texts/sanctions-lifting/clauses/sl-1/status', {
          to: 'agreed',
          expectedVersion: 3,
        })
      ).status,
    ).toBe(403);
    const ambiguous = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/status', {
      to: 'agreed',
      expectedVersion: 3,
    });
    expect(ambiguous.status).toBe(422);
    const agreed = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/status', {
      to: 'agreed-ad-referendum',
      alternativeId: 'sl-1-a2',
      expectedVersion: 3,
    });
    expect(agreed.status).toBe(200);
    expect(agreed.json.clauses[0]).toMatchObject({
      status: 'agreed-ad-referendum',
      agreedAlternative: 'sl-1-a2',
    });
    const progress = await call('observer', 'GET', '/progress');
    const group = progress.json.now.groups.find((g: { group: string }) => g.group === 'sanctions-lifting');
    expect(group).toMatchObject({ total: 1, agreed: 0, adReferendum: 1, provisionalShare: 1 });
    expect(progress.json.history.length).toBeGreaterThanOrEqual(2);
  });

  it('opens and closes rounds, and reports what changed since the last one within what each may see', async () => {
    expect((await call('coordinator', 'POST', '/rounds', { expectedVersion: 1 })).status).toBe(201);
    const closed = await call('coordinator', 'POST', '/rounds/close', { expectedVersion: 2 });
    expect(closed.status).toBe(200);
    expect(closed.json.rounds[0].progress.overall.total).toBe(1);
    expect(closed.json.changesSinceLastRound).toEqual([]);
    await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/status', {
      to: 'agreed',
      alternativeId: 'sl-1-a2',
      expectedVersion: 4,
    });
    const forUs = await call('us', 'GET', '/rounds');
    expect(forUs.json.changesSinceLastRound).toEqual([
      {
        kind: 'status-changed',
        group: 'sanctions-lifting',
        clauseId: 'sl-1',
        from: 'agreed-ad-referendum',
        to: 'agreed',
      },
    ]);
    const twice = await call('coordinator', 'POST', '/rounds/close', { expectedVersion: 3 });
    expect(twice.status).toBe(422);
  });

  it('reports a new alternative since the last round without its proposer, unless it was disclosed', async () => {
    const wording = 'Snapback only by consensus';
    const reopened = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/status', {
      to: 'open',
      expectedVersion: 5,
    });
    expect(reopened.status).toBe(200);
    const added = await call('coordinator', 'POST', '/texts/sanctions-lifting/clauses/sl-1/alternatives', {
      text: wording,
      proposer: 'iran',
      disclosedTo: ['france'],
      expectedVersion: 6,
    });
    expect(added.status).toBe(201);
    const change = async (who: string) =>
      (await call(who, 'GET', '/rounds')).json.changesSinceLastRound.find(
        (x: { kind: string }) => x.kind === 'alternative-added',
      );
    expect(await change('us')).toEqual({
      kind: 'alternative-added',
      group: 'sanctions-lifting',
      clauseId: 'sl-1',
      alternative: { id: 'sl-1-a3', text: wording },
    });
    expect((await change('observer')).alternative.proposer).toBeUndefined();
    expect((await change('france')).alternative.proposer).toBe('iran');
    expect((await change('iran')).alternative.proposer).toBe('iran');
    expect((await call('us', 'GET', '/rounds')).body).not.toContain('"iran"');
    // Progress after reopening: nothing agreed in the group any more.
    const progress = await call('us', 'GET', '/progress');
    const group = progress.json.now.groups.find((g: { group: string }) => g.group === 'sanctions-lifting');
    expect(group).toMatchObject({ total: 1, agreed: 0, adReferendum: 0, share: 0 });
  });
});

describe('bad input', () => {
  it('stores HTML and script as text and returns it unchanged', async () => {
    const title = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await call('us', 'POST', '/documents', { title, text: '<b>bold</b>' });
    expect(created.status).toBe(201);
    expect(created.json.title).toBe(title);
    const read = await t.server.inject({
      url: `/api/talks/documents/${created.json.documentId}`,
      headers: { cookie: c.us! },
    });
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.json()).toMatchObject({ title, versions: [{ text: '<b>bold</b>' }] });
    // The same holds for the text the coordinator writes.
    const text = await call('coordinator', 'GET', '/texts/nuclear-implementation');
    const clause = await call('coordinator', 'POST', '/texts/nuclear-implementation/clauses', {
      title: '<svg onload=alert(3)>',
      expectedVersion: text.json.version,
    });
    expect(clause.status).toBe(201);
    const seen = await call('observer', 'GET', '/texts/nuclear-implementation');
    expect(seen.json.clauses.at(-1).title).toBe('<svg onload=alert(3)>');
  });

  it('refuses text the store cannot hold (a NUL, an unpaired surrogate) with 400 naming the field', async () => {
    const before = (await call('us', 'GET', '/documents')).json.items.length;
    const cases: [string, string, object, string][] = [
      ['us', '/documents', { title: 'nul\u0000title', text: 'x' }, 'body.title'],
      ['us', '/documents', { title: 'Surrogate', text: 'lone \ud800 half' }, 'body.text'],
      ['coordinator', '/texts/sequencing/clauses', { title: 'x\u0000', expectedVersion: 1 }, 'body.title'],
      ['us', '/tokens', { label: '\udc00' }, 'body.label'],
    ];
    for (const [who, url, payload, field] of cases) {
      const response = await call(who, 'POST', url, payload);
      expect(response.status, `${url} ${field}`).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'bad_request', field });
      expect(response.json.error.message).toMatch(/NUL character or an unpaired surrogate/);
    }
    // Signing in and the first run say so too, rather than failing with a 500.
    for (const url of ['/api/talks/session', '/api/talks/setup']) {
      const response = await t.server.inject({
        method: 'POST',
        url,
        payload: { username: 'us\u0000', displayName: 'x', password: testPassword },
        remoteAddress: '10.20.0.1',
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.field).toBe('body.username');
    }
    expect((await call('us', 'GET', '/documents')).json.items.length).toBe(before);
    // Characters beyond the BMP (surrogate pairs) are text like any other.
    const flags = await call('us', 'POST', '/documents', { title: 'Flags 🇮🇷 🇺🇸', text: '𝒜 ok' });
    expect(flags.status).toBe(201);
    expect((await call('us', 'GET', `/documents/${flags.json.documentId}`)).json.title).toBe('Flags 🇮🇷 🇺🇸');
  });

  it('refuses an oversized body with 413 naming the limit, storing nothing', async () => {
    const before = (await call('us', 'GET', '/documents')).json.items.length;
    const big = await call('us', 'POST', '/documents', {
      title: 'Big',
      text: 'x'.repeat(talksBodyLimitBytes + 1),
    });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toContain('262,144 bytes');
    expect((await call('us', 'GET', '/documents')).json.items.length).toBe(before);
  });

  it('refuses malformed JSON, missing fields and a too-long text with 400 naming the field', async () => {
    const malformed = await t.server.inject({
      method: 'POST',
      url: '/api/talks/documents',
      headers: { cookie: c.us!, 'content-type': 'application/json' },
      payload: '{"title": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe('body');
    const missing = await call('us', 'POST', '/documents', { text: 'no title' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.field).toBe('body.title');
    // Within the body limit, but longer than a text may be (100,000 characters).
    const long = await call('us', 'POST', '/documents', { title: 'Long', text: 'x'.repeat(100_001) });
    expect(long.status).toBe(400);
    expect(long.json.error.field).toBe('body.text');
    expect(long.json.error.message).toMatch(/100000|100,000/);
    const badVersion = await call('us', 'POST', '/documents/d_x/versions', { text: 'x', expectedVersion: 0 });
    expect(badVersion.status).toBe(404); // the paper is looked up (and refused) before the body is read
  });

  it('refuses ids no paper or token can have with 400 naming the id, before anything is looked up', async () => {
    for (const [method, url] of [
      ['GET', '/documents/..%2F..'],
      ['GET', '/documents/..%2F..%2Fetc%2Fpasswd'],
      ['GET', '/documents/%00'],
      ['GET', '/documents/a%20b'],
      ['GET', `/documents/${'d'.repeat(80)}`],
      ['POST', '/documents/%00/versions'],
      ['DELETE', '/tokens/%00'],
      ['DELETE', '/tokens/..%2F..'],
    ] as const) {
      const response = await call(
        method === 'DELETE' ? 'us' : 'coordinator',
        method,
        url,
        method === 'POST' ? { text: 'x', expectedVersion: 1 } : undefined,
      );
      expect(response.status, url).toBe(400);
      expect(response.json.error, url).toMatchObject({ code: 'bad_request', field: 'path.id' });
      expect(response.json.error.message, url).toMatch(/an id is 1 to 64 letters/);
    }
  });

  it('answers other malformed path parts with 400 naming the part, and an over-long one with 414', async () => {
    const body = { to: 'agreed', expectedVersion: 1 };
    const cases: ['GET' | 'POST', string, object | undefined, number, RegExp][] = [
      ['GET', '/texts/not-a-group', undefined, 400, /path\.group/],
      ['POST', '/texts/sequencing/clauses/bad%20id/status', body, 400, /path\.clauseId/],
      [
        'POST',
        '/texts/sequencing/clauses/sq-1/alternatives/..%2F..%2Fx/withdraw',
        { expectedVersion: 1 },
        400,
        /path\.alternativeId/,
      ],
      // The router refuses a path segment longer than 100 characters before any route sees it.
      ['GET', `/documents/${'d'.repeat(200)}`, undefined, 414, /100 characters/],
    ];
    for (const [method, url, payload, status, message] of cases) {
      const response = await call('coordinator', method, url, payload);
      expect(response.status, url).toBe(status);
      expect(response.json.error.code, url).toBe('bad_request');
      expect(response.json.error.message, url).toMatch(message);
    }
  });
});
