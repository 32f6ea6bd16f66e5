import { Workbench } from '@lockstep/app';
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
  /** Creates an account through the API and returns its id. */
  user(username: string, role: string, delegation?: string): Promise<string>;
  /** Signs in through the API and returns the cookie to send. */
  signIn(username: string, address?: string): Promise<string>;
  close(): Promise<void>;
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0]!;
}

export async function startTalksTestServer(): Promise<TalksTestServer> {
  const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  const server = await buildServer({ workbench });
  const setup = await server.inject({
    method: 'POST',
    url: '/api/talks/setup',
    payload: { username: 'admin', displayName: 'Admin', password: testPassword },
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
          password: testPassword,
        },
      });
      if (response.statusCode !== 201) throw new Error(`user ${username}: ${response.body}`);
      return response.json().id;
    },
    async close() {
      await server.close();
      await workbench.close();
    },
  };
}
