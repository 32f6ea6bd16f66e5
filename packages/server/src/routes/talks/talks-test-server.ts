import { localAdmin, Workbench } from '@lockstep/app';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../build-server.ts';

/** The password every test account gets. */
export const testPassword = 'test-password-long-enough';

/** A server on an in-memory store without the shipped data (the talks read none), with a first admin. */
export interface TalksTestServer {
  readonly server: FastifyInstance;
  readonly workbench: Workbench;
  /** The admin's session cookie (`lockstep_session=...`). */
  readonly admin: string;
  /**
   * Creates an account through the API as the admin (a participant's starts pending, with no password),
   * confirms it as the server's administrator on the machine and activates it with the code that gives, with
   * `testPassword`; returns its id.
   */
  user(username: string, role: string, delegation?: string): Promise<string>;
  /** Signs in through the API and returns the cookie to send. */
  signIn(username: string, address?: string): Promise<string>;
  close(): Promise<void>;
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0]!;
}

/**
 * Starts the test server: by default on an in-memory store; given a workbench (on PostgreSQL, say), on it,
 * running `cleanUp` after closing it.
 */
export async function startTalksTestServer(
  given?: Workbench,
  cleanUp: () => Promise<void> = async () => undefined,
): Promise<TalksTestServer> {
  const workbench = given ?? (await Workbench.open({ inMemory: true, withoutShippedData: true }));
  const server = await buildServer({ workbench });
  const setupCode = workbench.talks.accounts.issueConsoleCode();
  const setup = await server.inject({
    method: 'POST',
    url: '/api/talks/setup',
    payload: { username: 'admin', displayName: 'Admin', password: testPassword, setupCode },
  });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.body}`);
  const signIn = async (username: string, address = '127.0.0.1') => {
    const response = await server.inject({
      method: 'POST',
      url: '/api/talks/session',
      payload: { username, password: testPassword },
      remoteAddress: address,
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
    return cookieOf(response.headers['set-cookie']);
  };
  const admin = await signIn('admin');
  return {
    server,
    workbench,
    admin,
    signIn,
    async user(username, role, delegation) {
      const response = await server.inject({
        method: 'POST',
        url: '/api/talks/users',
        headers: { cookie: admin },
        payload: {
          username,
          displayName: username,
          role,
          ...(delegation ? { delegation } : {}),
          ...(role === 'admin' ? { password: testPassword } : {}),
        },
      });
      if (response.statusCode !== 201) throw new Error(`user ${username}: ${response.body}`);
      const id: string = response.json().id;
      if (role === 'admin') return id;
      const { activationCode } = await workbench.talks.accounts.confirm(localAdmin, id, { local: true });
      const activated = await server.inject({
        method: 'POST',
        url: '/api/talks/activate',
        payload: { username, activationCode, password: testPassword },
        remoteAddress: '10.250.0.1',
      });
      if (activated.statusCode !== 200) throw new Error(`activation of ${username}: ${activated.body}`);
      return id;
    },
    async close() {
      await server.close();
      await workbench.close();
      await cleanUp();
    },
  };
}
