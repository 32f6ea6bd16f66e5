import { TalksService } from '@lockstep/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../build-server.ts';
import { cookieOf, startTalksTestServer, type TalksTestServer, testPassword } from './talks-test-server.ts';

let t: TalksTestServer;

function signIn(username: string, password: string, remoteAddress = '127.0.0.1', cookie?: string) {
  return t.server.inject({
    method: 'POST',
    url: '/api/talks/session',
    payload: { username, password },
    remoteAddress,
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

/** The device cookie a successful sign-in set, as a Cookie header. */
function deviceOf(setCookie: string | string[] | undefined): string {
  const headers = Array.isArray(setCookie) ? setCookie : [String(setCookie)];
  const device = headers.find((h) => h.startsWith('lockstep_device='));
  if (!device) throw new Error('no device cookie was set');
  return device.split(';')[0]!;
}

function whoAmI(headers: Record<string, string>) {
  return t.server.inject({ url: '/api/talks/session', headers });
}

beforeAll(async () => {
  t = await startTalksTestServer();
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) await t.user(name, 'observer');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for the whole site, not Secure over plain http', async () => {
    const response = await signIn('alice', testPassword);
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/^lockstep_session=[A-Za-z0-9_-]{43}; /);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).toContain('Max-Age=43200');
    expect(header).not.toContain('Secure');
    expect(response.json().user).not.toHaveProperty('passwordHash');
  });

  it('answers an unknown name and a wrong password alike, in message and in time', async () => {
    const unknown = await signIn('nobody-here', 'whatever-password', '10.1.0.1');
    const wrong = await signIn('bob', 'not-the-password', '10.1.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    // An unknown name is checked against a dummy argon2id hash: it costs as much as a wrong password.
    const time = async (username: string, address: string) => {
      const started = performance.now();
      await signIn(username, 'not-the-password', address);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    // Interleaved, each on a fresh address, and under the per-account limit (erin fails 5 times at most).
    for (let i = 0; i < 5; i++) {
      unknownTimes.push(await time(`ghost-${i}`, `10.2.0.${i}`));
      wrongTimes.push(await time('erin', `10.3.0.${i}`));
    }
    // Generous bounds (the machine is shared): an unanswered dummy check would be ~100x faster.
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.5);
    expect(median(unknownTimes)).toBeLessThan(median(wrongTimes) * 3);
  });

  it('slows failures per account name, existing or not, with the same answer and a Retry-After', async () => {
    // dave signed in once from this browser: it holds a device cookie for the account.
    const known = await signIn('dave', testPassword, '10.4.20.1');
    const device = deviceOf(known.headers['set-cookie']);
    const refusals: string[] = [];
    for (const name of ['dave', 'no-such-account']) {
      for (let i = 0; i < 5; i++) {
        const failed = await signIn(name, 'wrong-password', `10.4.${i}.1`);
        expect(failed.statusCode).toBe(401);
      }
      const limited = await signIn(name, 'wrong-password', '10.4.9.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('too_many_requests');
      expect(Number(limited.headers['retry-after'])).toBe(1);
      expect(limited.json().error.message).toMatch(
        /too many failed sign-ins for this account from browsers it has not signed in with before/,
      );
      expect(limited.json().error.message).not.toContain(name);
      refusals.push(limited.body);
      if (name !== 'dave') continue;
      // From a browser the account never signed in with, even the right password waits (a second here);
      // the owner's own browser is not held back by others' guesses: there is no lock-out to be had.
      expect((await signIn('dave', testPassword, '10.4.10.1')).statusCode).toBe(429);
      expect((await signIn('dave', testPassword, '10.4.10.1', device)).statusCode).toBe(200);
    }
    // The limit does not tell an existing account from a made-up one.
    expect(refusals[0]).toBe(refusals[1]);
  });

  it('counts only attempts that were tried: one refused with 429 does not lengthen the wait', async () => {
    let wait = 0;
    for (let i = 0; i < 5; i++) await signIn('carol-guess-target', 'wrong-password', `10.17.${i}.1`);
    for (let i = 0; i < 3; i++) {
      const limited = await signIn('carol-guess-target', 'wrong-password', '10.17.9.1');
      expect(limited.statusCode).toBe(429);
      wait = Number(limited.headers['retry-after']);
    }
    expect(wait).toBe(1);
  });

  it('slows failures per address across account names, and only that address', async () => {
    const device = deviceOf((await signIn('alice', testPassword, '10.5.0.9')).headers['set-cookie']);
    for (let i = 0; i < 20; i++) {
      expect((await signIn(`guess-${i}`, 'wrong-password', '10.5.0.1')).statusCode).toBe(401);
    }
    expect((await signIn('alice', testPassword, '10.5.0.1')).statusCode).toBe(429);
    expect((await signIn('alice', testPassword, '10.5.0.2')).statusCode).toBe(200);
    // Alice's own browser, even from the failing address (a shared proxy), signs in at once.
    expect((await signIn('alice', testPassword, '10.5.0.1', device)).statusCode).toBe(200);
  });

  it('drops a device cookie after ten failures with it, which then is held like any browser', async () => {
    const device = deviceOf((await signIn('erin', testPassword, '10.18.0.1')).headers['set-cookie']);
    for (let i = 0; i < 10; i++) {
      expect((await signIn('erin', 'wrong-password', '10.18.0.1', device)).statusCode).toBe(401);
    }
    // Its failures were its own: the account's counter for unknown browsers is untouched, so erin signs in
    // from elsewhere; the device itself now counts as unknown.
    expect((await signIn('erin', testPassword, '10.18.0.2')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await signIn('erin', 'wrong-password', `10.18.1.${i}`);
    expect((await signIn('erin', testPassword, '10.18.0.1', device)).statusCode).toBe(429);
  });

  it("counts a trusted proxy's clients apart: one client's failures do not slow the others", async () => {
    const server = await buildServer({ workbench: t.workbench, trustProxy: ['127.0.0.1'] });
    try {
      const via = (client: string, username: string, password: string) =>
        server.inject({
          method: 'POST',
          url: '/api/talks/session',
          payload: { username, password },
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      for (let i = 0; i < 20; i++) {
        expect((await via('198.51.100.66', `proxy-guess-${i}`, 'wrong-password')).statusCode).toBe(401);
      }
      expect((await via('198.51.100.66', 'bob', testPassword)).statusCode).toBe(429);
      expect((await via('198.51.100.67', 'bob', testPassword)).statusCode).toBe(200);
      // Without the proxy trusted, the forwarded address is ignored and the socket's is counted.
      const direct = await t.server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'proxy-guess-x', password: 'wrong-password' },
        remoteAddress: '10.19.0.1',
        headers: { 'x-forwarded-for': '198.51.100.66' },
      });
      expect(direct.statusCode).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('counts guesses sent at once: no more than the limit is tried, even with the right password last', async () => {
    // 30 parallel guesses at one account, each from an address of its own; the last one is right.
    const perAccount = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn('frank', i === 29 ? testPassword : `wrong-guess-${i}`, `10.12.${i}.1`),
      ),
    );
    const codes = perAccount.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    expect(codes.at(-1)).toBe(429); // the right password, after the limit, is not even tried
    // 30 parallel guesses from one address, each at an account name of its own.
    const perAddress = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(`parallel-${i}`, 'wrong-password', '10.13.0.1')),
    );
    const fromAddress = perAddress.map((r) => r.statusCode);
    expect(fromAddress.filter((c) => c === 401)).toHaveLength(20);
    expect(fromAddress.filter((c) => c === 429)).toHaveLength(10);
  });

  it('never reuses a session id planted before sign-in, and ends the previous session', async () => {
    const first = cookieOf((await signIn('alice', testPassword, '10.6.0.1')).headers['set-cookie']);
    const planted = 'lockstep_session=attacker-chosen-value';
    const again = await signIn('alice', testPassword, '10.6.0.1', planted);
    const second = cookieOf(again.headers['set-cookie']);
    expect(second).not.toBe(planted);
    expect((await whoAmI({ cookie: planted })).statusCode).toBe(401);
    // Signing in again from a browser with a live session replaces it.
    const third = cookieOf((await signIn('alice', testPassword, '10.6.0.1', second)).headers['set-cookie']);
    expect((await whoAmI({ cookie: second })).statusCode).toBe(401);
    expect((await whoAmI({ cookie: third })).statusCode).toBe(200);
    expect((await whoAmI({ cookie: first })).statusCode).toBe(200);
  });
});

describe('a malformed or foreign session cookie', () => {
  it('is refused with 401, and does not stop a sign-in that replaces it', async () => {
    for (const cookie of ['lockstep_session=%E0%A4%A', 'lockstep_session=%', 'lockstep_session=%00']) {
      const asked = await whoAmI({ cookie: `theme=dark; ${cookie}` });
      expect(asked.statusCode, cookie).toBe(401);
      expect(asked.json().error.code).toBe('unauthorized');
      const fresh = await signIn('alice', testPassword, '10.16.0.1', cookie);
      expect(fresh.statusCode, cookie).toBe(200);
      expect((await whoAmI({ cookie: cookieOf(fresh.headers['set-cookie']) })).statusCode).toBe(200);
    }
  });
});

describe('signing out and revoking', () => {
  it('ends a session at once on sign-out, and clears the cookie', async () => {
    const cookie = cookieOf((await signIn('alice', testPassword, '10.7.0.1')).headers['set-cookie']);
    expect((await whoAmI({ cookie })).statusCode).toBe(200);
    const out = await t.server.inject({ method: 'DELETE', url: '/api/talks/session', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^lockstep_session=; .*Max-Age=0/);
    const after = await whoAmI({ cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/was ended at .*sign in again/);
  });

  it('refuses a revoked API token on its very next use', async () => {
    const cookie = cookieOf((await signIn('bob', testPassword, '10.8.0.1')).headers['set-cookie']);
    const created = await t.server.inject({
      method: 'POST',
      url: '/api/talks/tokens',
      headers: { cookie },
      payload: { label: 'cli' },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await whoAmI(bearer)).json()).toMatchObject({ via: 'token', user: { username: 'bob' } });
    const revoked = await t.server.inject({
      method: 'DELETE',
      url: `/api/talks/tokens/${token.id}`,
      headers: bearer,
    });
    expect(revoked.statusCode).toBe(200);
    const after = await whoAmI(bearer);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/token was ended at/);
    // Another user may not revoke (or learn of) bob's tokens.
    const listed = await t.server.inject({ url: '/api/talks/tokens', headers: { cookie: t.admin } });
    expect(listed.json().tokens.map((x: { id: string }) => x.id)).toContain(token.id);
    expect(JSON.stringify(listed.json())).not.toContain(secret);
  });

  it("lets no one, the admin included, make a token for someone else; only an admin revokes another's", async () => {
    const bob = cookieOf((await signIn('bob', testPassword, '10.14.0.1')).headers['set-cookie']);
    const alice = cookieOf((await signIn('alice', testPassword, '10.14.0.2')).headers['set-cookie']);
    const aliceId = (await whoAmI({ cookie: alice })).json().user.id;
    const forged = await t.server.inject({
      method: 'POST',
      url: '/api/talks/tokens',
      headers: { cookie: bob },
      payload: { label: 'as alice', userId: aliceId },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain('lst_');
    const own = await t.server.inject({
      method: 'POST',
      url: '/api/talks/tokens',
      headers: { cookie: alice },
      payload: { label: 'alice cli' },
    });
    const tokenId = own.json().token.id;
    const bobRevokes = await t.server.inject({
      method: 'DELETE',
      url: `/api/talks/tokens/${tokenId}`,
      headers: { cookie: bob },
    });
    expect(bobRevokes.statusCode).toBe(403);
    const bobsList = await t.server.inject({ url: '/api/talks/tokens', headers: { cookie: bob } });
    expect(bobsList.body).not.toContain(tokenId);
    expect((await whoAmI({ authorization: `Bearer ${own.json().secret}` })).statusCode).toBe(200);
    // The admin may not make one for alice either (a token acts as its owner), but may revoke hers.
    const byAdmin = await t.server.inject({
      method: 'POST',
      url: '/api/talks/tokens',
      headers: { cookie: t.admin },
      payload: { label: 'for alice', userId: aliceId },
    });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.body).not.toContain('lst_');
    const adminRevokes = await t.server.inject({
      method: 'DELETE',
      url: `/api/talks/tokens/${tokenId}`,
      headers: { cookie: t.admin },
    });
    expect(adminRevokes.statusCode).toBe(200);
    expect((await whoAmI({ authorization: `Bearer ${own.json().secret}` })).statusCode).toBe(401);
  });

  it('refuses an expired session or token over HTTP, at the moment it expires', async () => {
    // A server on the same store whose talks run on a clock the test moves.
    let now = Date.now();
    const talks = new TalksService(t.workbench.db, { clock: () => new Date(now) });
    const workbench = Object.create(t.workbench) as typeof t.workbench;
    Object.defineProperty(workbench, 'talks', { value: talks });
    const server = await buildServer({ workbench });
    try {
      const login = await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'carol', password: testPassword },
        remoteAddress: '10.11.0.1',
      });
      expect(login.statusCode).toBe(200);
      const cookie = cookieOf(login.headers['set-cookie']);
      const created = await server.inject({
        method: 'POST',
        url: '/api/talks/tokens',
        headers: { cookie },
        payload: { label: 'one day', expiresInDays: 1 },
      });
      expect(created.statusCode).toBe(201);
      const bearer = { authorization: `Bearer ${created.json().secret}` };
      const ask = (headers: Record<string, string>) => server.inject({ url: '/api/talks/session', headers });
      now += 11.9 * 3_600_000;
      expect((await ask({ cookie })).statusCode).toBe(200);
      now += 0.2 * 3_600_000; // 12.1 hours after sign-in
      const expired = await ask({ cookie });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toMatch(/expired/);
      expect((await ask(bearer)).statusCode).toBe(200);
      now += 12 * 3_600_000; // past the token's day
      expect((await ask(bearer)).statusCode).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('refuses an expired session with a 401 that says so', async () => {
    // The same store seen by a service whose clock is 13 hours ahead: the 12-hour session has expired.
    const later = new TalksService(t.workbench.db, { clock: () => new Date(Date.now() + 13 * 3_600_000) });
    const { secret } = await t.workbench.talks.accounts.signIn('carol', testPassword, {
      address: '10.9.0.1',
    });
    await expect(later.accounts.authenticate(secret)).rejects.toMatchObject({ status: 401 });
    await expect(later.accounts.authenticate(secret)).rejects.toThrow(/expired at .*sign in again/);
    await expect(t.workbench.talks.accounts.authenticate(secret)).resolves.toMatchObject({ via: 'session' });
  });
});

describe('logging', () => {
  it('writes no password, session secret or token secret to the log', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const server = await buildServer({ workbench: t.workbench, logLevel: 'info' });
    // Captured, not passed on: the test's output stays readable.
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stderr.write;
    try {
      const login = await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'alice', password: testPassword },
        remoteAddress: '10.10.0.1',
      });
      const cookie = cookieOf(login.headers['set-cookie']);
      const token = await server.inject({
        method: 'POST',
        url: '/api/talks/tokens',
        headers: { cookie },
        payload: { label: 'log test' },
      });
      const secret = token.json().secret as string;
      await server.inject({ url: '/api/talks/session', headers: { authorization: `Bearer ${secret}` } });
      await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'alice', password: 'wrong-password-x' },
        remoteAddress: '10.10.0.2',
      });
      // Refusals are where secrets slip into logs: a malformed body, a too-long password, a forged token,
      // an ended session, and a sign-out.
      await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "alice", "password": "malformed-secret-1" ',
        remoteAddress: '10.10.0.3',
      });
      await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'alice', password: `too-long-secret-${'y'.repeat(200)}` },
        remoteAddress: '10.10.0.4',
      });
      await server.inject({ url: '/api/talks/session', headers: { authorization: `Bearer ${secret}x` } });
      await server.inject({ method: 'DELETE', url: '/api/talks/session', headers: { cookie } });
      await server.inject({ url: '/api/talks/session', headers: { cookie } });
      const log = written.join('');
      process.stderr.write = write;
      expect(log).toContain('/api/talks/session'); // the log is really captured
      expect(log).toContain('/api/talks/tokens');
      for (const forbidden of [
        testPassword,
        'wrong-password-x',
        'malformed-secret-1',
        'too-long-secret-',
        cookie.split('=')[1]!,
        secret,
      ]) {
        expect(log).not.toContain(forbidden);
      }
    } finally {
      process.stderr.write = write;
      await server.close();
    }
  });

  it("logs a store failure without the statement's parameters (a paper's text)", async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    // A store that fails the way PostgreSQL does: the error carries the statement and its parameters.
    const papers = Object.create(t.workbench.talks.papers) as typeof t.workbench.talks.papers;
    papers.createDocument = async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8"'), {
        code: '22021',
        query: 'INSERT INTO talks_documents (id, document) VALUES ($1, $2)',
        params: ['d_1', '{"title":"PAPER-TEXT-IN-PARAMS"}'],
      });
    };
    const talks = Object.create(t.workbench.talks) as typeof t.workbench.talks;
    Object.defineProperty(talks, 'papers', { value: papers });
    const workbench = Object.create(t.workbench) as typeof t.workbench;
    Object.defineProperty(workbench, 'talks', { value: talks });
    await t.user('gina', 'head', 'uk');
    const server = await buildServer({ workbench, logLevel: 'info' });
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stderr.write;
    try {
      const login = await server.inject({
        method: 'POST',
        url: '/api/talks/session',
        payload: { username: 'gina', password: testPassword },
        remoteAddress: '10.15.0.1',
      });
      const failed = await server.inject({
        method: 'POST',
        url: '/api/talks/documents',
        headers: { cookie: cookieOf(login.headers['set-cookie']) },
        payload: { title: 'PAPER-TEXT-IN-PARAMS', text: 'x' },
      });
      process.stderr.write = write;
      expect(failed.statusCode).toBe(500);
      expect(failed.body).not.toContain('PAPER-TEXT');
      const log = written.join('');
      expect(log).toContain('invalid byte sequence'); // the failure is logged, and what failed
      expect(log).toContain('INSERT INTO talks_documents');
      expect(log).not.toContain('PAPER-TEXT-IN-PARAMS');
    } finally {
      process.stderr.write = write;
      await server.close();
    }
  });
});
