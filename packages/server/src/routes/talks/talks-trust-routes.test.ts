import { Workbench } from '@lockstep/app';
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
  return { status: response.statusCode, json: response.body ? response.json() : undefined, response };
}

beforeAll(async () => {
  t = await startTalksTestServer();
  for (const [name, role, delegation] of [
    ['coordinator', 'coordinator'],
    ['us', 'head', 'us'],
    ['iran', 'head', 'iran'],
  ] as const) {
    await t.user(name, role, delegation);
    c[name] = await t.signIn(name);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the first run, against a remote page', () => {
  it('refuses DNS rebinding (a foreign Host and Origin on 127.0.0.1), a wrong code, and a cross-site page', async () => {
    const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const server = await buildServer({ workbench });
    try {
      const code = workbench.talks.accounts.issueConsoleCode();
      const admin = { username: 'first', displayName: 'First', password: testPassword, setupCode: code };
      const post = (headers: Record<string, string>, payload: object = admin) =>
        server.inject({ method: 'POST', url: '/api/talks/setup', headers, payload });
      const rebound = await post({
        host: 'rebind.attacker.example',
        origin: 'http://rebind.attacker.example',
      });
      expect(rebound.statusCode).toBe(403);
      expect(rebound.json().error.message).toMatch(/addressed to "rebind.attacker.example"/);
      const foreignPage = await post({ host: '127.0.0.1:8080', origin: 'http://evil.example' });
      expect(foreignPage.statusCode).toBe(403);
      expect(foreignPage.json().error.message).toMatch(/came from a page of "http:\/\/evil.example"/);
      const crossSite = await post({ host: 'localhost:8080', 'sec-fetch-site': 'cross-site' });
      expect(crossSite.statusCode).toBe(403);
      const state = await server.inject({
        url: '/api/talks/setup',
        headers: { host: 'rebind.attacker.example' },
      });
      expect(state.json().fromLocalhost).toBe(false);
      const wrong = await post({ host: 'localhost:8080' }, { ...admin, setupCode: 'WRONG-CODE0' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error).toMatchObject({ field: 'setupCode' });
      expect(await workbench.talks.accounts.needsAdmin()).toBe(true);
      // From this machine, to localhost, from its own page, with the code: made; the code then is spent.
      const made = await post(
        { host: 'localhost:8080', origin: 'http://localhost:8080', 'sec-fetch-site': 'same-origin' },
        { ...admin, setupCode: code.toLowerCase() },
      );
      expect(made.statusCode).toBe(201);
    } finally {
      await server.close();
      await workbench.close();
    }
  });

  it('has the first coordinator confirmed with the console code, from this machine only, never by the admin', async () => {
    const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const server = await buildServer({ workbench });
    const printed: string[] = [];
    workbench.talks.accounts.onConsole = (line) => printed.push(line);
    const codeIn = (line: string | undefined) =>
      /([A-Z2-9]{5}(?:-[A-Z2-9]{5})+)$/.exec(line ?? '')?.[1] ?? '';
    try {
      const code = workbench.talks.accounts.issueConsoleCode();
      await server.inject({
        method: 'POST',
        url: '/api/talks/setup',
        payload: { username: 'root', displayName: 'Root', password: testPassword, setupCode: code },
      });
      const login = await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'root', password: testPassword },
      });
      const admin = String(login.headers['set-cookie']).split(';')[0]!;
      const chair = await server.inject({
        method: 'POST',
        url: '/api/talks/users',
        headers: { cookie: admin },
        payload: { username: 'chair', displayName: 'Chair', role: 'coordinator' },
      });
      expect(chair.json().status).toBe('pending');
      // The server printed a fresh console code for it; the admin alone cannot confirm it.
      expect(printed).toHaveLength(1);
      const byAdmin = await server.inject({
        method: 'POST',
        url: `/api/talks/users/${chair.json().id}/confirm`,
        headers: { cookie: admin },
        payload: {},
      });
      expect(byAdmin.statusCode).toBe(404);
      const state = await server.inject('/api/talks/setup');
      expect(state.json().firstCoordinator).toMatchObject({ username: 'chair' });
      const confirm = (headers: Record<string, string>, setupCode: string) =>
        server.inject({
          method: 'POST',
          url: '/api/talks/setup/coordinator',
          headers,
          payload: { userId: chair.json().id, setupCode },
        });
      const consoleCode = codeIn(printed[0]);
      expect(consoleCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect((await confirm({ host: 'attacker.example' }, consoleCode)).statusCode).toBe(403);
      expect((await confirm({}, 'WRONG-WRONG')).statusCode).toBe(403);
      const confirmed = await confirm({}, consoleCode);
      expect(confirmed.statusCode).toBe(200);
      // The activation code goes to the server's console, never to whoever sent the request (an admin).
      expect(confirmed.json()).toMatchObject({
        user: { status: 'activation' },
        activationCodeOnConsole: true,
      });
      expect(confirmed.json().activationCode).toBeUndefined();
      expect(printed).toHaveLength(2);
      expect(printed[1]).toMatch(/^Activation code for the coordinator "chair"/);
      const activationCode = codeIn(printed[1]);
      expect(confirmed.body).not.toContain(activationCode);
      const activated = await server.inject({
        method: 'POST',
        url: '/api/talks/activate',
        payload: { username: 'chair', activationCode, password: 'chair-own-passphrase' },
      });
      expect(activated.statusCode).toBe(200);
      expect(activated.json().user).toMatchObject({ username: 'chair', status: 'active' });
      expect(String(activated.headers['set-cookie'])).toContain('lockstep_session=');
      // Once a coordinator is confirmed, the console code confirms no more.
      expect((await server.inject('/api/talks/setup')).json().firstCoordinator).toBeUndefined();
    } finally {
      await server.close();
      await workbench.close();
    }
  });
});

describe('headers', () => {
  it('sends a content security policy, nosniff and no framing on every answer, and no-store on the talks', async () => {
    for (const url of [
      '/api/talks/session',
      '/api/datasets',
      '/api/talks/setup',
      '/no-such-page',
      '/api/docs',
    ]) {
      const response = await t.server.inject({ url, headers: { cookie: c.us! } });
      expect(response.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['content-security-policy'], url).toMatch(/script-src 'self'/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
    for (const url of ['/api/talks/session', '/api/talks/documents', '/api/talks/texts']) {
      const response = await t.server.inject({ url, headers: { cookie: c.us! } });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });
});

describe('refused reads', () => {
  it('records refusals until 30 in ten minutes, then one entry saying they are throttled, then 429 unrecorded', async () => {
    const countRefusals = async () => {
      const audit = await t.server.inject({
        url: '/api/talks/audit?limit=1000',
        headers: { cookie: t.admin },
      });
      return audit
        .json()
        .entries.filter(
          (e: { action: string }) => e.action.endsWith('.refused') || e.action === 'refusals.throttled',
        ).length as number;
    };
    const before = await countRefusals();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      statuses.push((await call('us', 'GET', `/documents/d_probe${i}`)).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const limited = await call('us', 'GET', '/relays/r_probe');
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countRefusals()).toBe(before + 31);
    // Others are not held back by one user's probing, and neither are this user's allowed reads.
    expect((await call('iran', 'GET', '/documents/d_other')).status).toBe(404);
    expect((await call('us', 'GET', '/documents')).status).toBe(200);
  });
});

describe('export', () => {
  it('holds every relay that reached the user, and its own papers', async () => {
    const made = await call('iran', 'POST', '/documents', { title: 'Paper one', text: 'one' });
    const id = made.json.documentId;
    await call('iran', 'POST', `/documents/${id}/send`, { number: 1, expectedVersion: 1 });
    for (const [i, discloseAuthor] of [false, true, false].entries()) {
      const relay = await call('coordinator', 'POST', `/documents/${id}/relays`, {
        documentVersion: 1,
        title: `Relay ${i}`,
        note: '',
        to: ['us'],
        discloseAuthor,
      });
      expect(relay.status).toBe(201);
    }
    const own = await call('us', 'POST', '/documents', { title: 'US own paper', text: 'x' });
    expect(own.status).toBe(201);
    const exported = await call('us', 'GET', '/export');
    expect(exported.json.relays.map((r: { title: string }) => r.title)).toEqual([
      'Relay 0',
      'Relay 1',
      'Relay 2',
    ]);
    expect(exported.json.relays.map((r: { author?: string }) => r.author ?? null)).toEqual([
      null,
      'iran',
      null,
    ]);
    expect(exported.json.documents.map((d: { title: string }) => d.title)).toEqual(['US own paper']);
    // The relays stand alone: nothing ties the anonymous ones to the one that names its author.
    const body = JSON.stringify(exported.json);
    expect(body).not.toContain(id);
    const audit = await t.server.inject({ url: '/api/talks/audit?limit=1000', headers: { cookie: t.admin } });
    const entry = audit
      .json()
      .entries.filter((e: { action: string }) => e.action === 'talks.export')
      .at(-1);
    expect(entry.detail.relays).toHaveLength(3);
  });
});

describe('accounts over the API', () => {
  it('lets a head confirm its delegation, an admin disable and re-enable and end sessions, and anyone change their password', async () => {
    const made = await t.server.inject({
      method: 'POST',
      url: '/api/talks/users',
      headers: { cookie: t.admin },
      payload: { username: 'us.member', displayName: 'US member', role: 'member', delegation: 'us' },
    });
    const id = made.json().id;
    expect((await call('us', 'GET', '/users/pending')).json.users.map((u: { id: string }) => u.id)).toEqual([
      id,
    ]);
    expect((await call('iran', 'GET', '/users/pending')).json.users).toEqual([]);
    const confirmed = await call('us', 'POST', `/users/${id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    const activated = await t.server.inject({
      method: 'POST',
      url: '/api/talks/activate',
      payload: {
        username: 'us.member',
        activationCode: confirmed.json.activationCode,
        password: testPassword,
      },
      remoteAddress: '10.60.0.1',
    });
    expect(activated.statusCode).toBe(200);
    c.member = await t.signIn('us.member', '10.60.0.2');
    const disabled = await t.server.inject({
      method: 'POST',
      url: `/api/talks/users/${id}/disable`,
      headers: { cookie: t.admin },
      payload: {},
    });
    expect(disabled.json()).toMatchObject({ user: { status: 'disabled' }, sessionsEnded: 2 });
    expect((await call('member', 'GET', '/session')).status).toBe(401);
    await t.server.inject({
      method: 'POST',
      url: `/api/talks/users/${id}/enable`,
      headers: { cookie: t.admin },
      payload: {},
    });
    c.member = await t.signIn('us.member', '10.60.0.3');
    const ended = await t.server.inject({
      method: 'POST',
      url: `/api/talks/users/${id}/sessions/end`,
      headers: { cookie: t.admin },
      payload: {},
    });
    expect(ended.json().sessionsEnded).toBe(1);
    expect((await call('member', 'GET', '/session')).status).toBe(401);
    c.member = await t.signIn('us.member', '10.60.0.4');
    const changed = await call('member', 'POST', '/password', {
      currentPassword: testPassword,
      newPassword: 'a-member-chosen-passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await call('member', 'GET', '/session')).status).toBe(200);
    const weak = await call('member', 'POST', '/password', {
      currentPassword: 'a-member-chosen-passphrase',
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(422);
    expect(weak.json.error.field).toBe('newPassword');
  });
});
