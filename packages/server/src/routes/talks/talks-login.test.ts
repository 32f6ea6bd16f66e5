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

function whoAmI(headers: Record<string, string>) {
  return t.server.inject({ url: '/api/talks/session', headers });
}

beforeAll(async () => {
  t = await startTalksTestServer();
  for (const name of ['alice', 'bob', 'carol', 'dave']) await t.user(name, 'observer');
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
    for (let i = 0; i < 4; i++) {
      unknownTimes.push(await time(`ghost-${i}`, `10.2.0.${i}`));
      wrongTimes.push(await time('carol', `10.3.0.${i}`));
    }
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.5);
    expect(median(unknownTimes)).toBeLessThan(median(wrongTimes) * 2);
  });

  it('limits failures per account name, existing or not, with the same answer and a Retry-After', async () => {
    for (const name of ['dave', 'no-such-account']) {
      for (let i = 0; i < 5; i++) {
        const failed = await signIn(name, 'wrong-password', `10.4.${i}.1`);
        expect(failed.statusCode).toBe(401);
      }
      const limited = await signIn(name, 'wrong-password', '10.4.9.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('too_many_requests');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().error.message).toMatch(/too many failed sign-ins for this account or address/);
    }
    // Even the right password waits out the limit.
    const right = await signIn('dave', testPassword, '10.4.10.1');
    expect(right.statusCode).toBe(429);
  });

  it('limits failures per address across account names', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await signIn(`guess-${i}`, 'wrong-password', '10.5.0.1')).statusCode).toBe(401);
    }
    expect((await signIn('alice', testPassword, '10.5.0.1')).statusCode).toBe(429);
    expect((await signIn('alice', testPassword, '10.5.0.2')).statusCode).toBe(200);
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
    expect((await whoAmI(bearer)).statusCode).toBe(401);
    // Another user may not revoke (or learn of) bob's tokens.
    const listed = await t.server.inject({ url: '/api/talks/tokens', headers: { cookie: t.admin } });
    expect(listed.json().tokens.map((x: { id: string }) => x.id)).toContain(token.id);
    expect(JSON.stringify(listed.json())).not.toContain(secret);
  });

  it('refuses an expired session with a 401 that says so', async () => {
    // The same store seen by a service whose clock is 13 hours ahead: the 12-hour session has expired.
    const later = new TalksService(t.workbench.db, { clock: () => new Date(Date.now() + 13 * 3_600_000) });
    const { secret } = await t.workbench.talks.signIn('carol', testPassword, '10.9.0.1');
    await expect(later.authenticate(secret)).rejects.toMatchObject({ status: 401 });
    await expect(later.authenticate(secret)).rejects.toThrow(/expired at .*sign in again/);
    await expect(t.workbench.talks.authenticate(secret)).resolves.toMatchObject({ via: 'session' });
  });
});

describe('logging', () => {
  it('writes no password, session secret or token secret to the log', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const server = await buildServer({ workbench: t.workbench, logLevel: 'info' });
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
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
      const log = written.join('');
      expect(log).toContain('/api/talks/session'); // the log is really captured
      for (const forbidden of [testPassword, 'wrong-password-x', cookie.split('=')[1]!, secret]) {
        expect(log).not.toContain(forbidden);
      }
    } finally {
      process.stderr.write = write;
      await server.close();
    }
  });
});
