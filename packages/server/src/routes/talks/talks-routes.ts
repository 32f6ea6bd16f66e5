import { type TalksCaller, TalksError, type Workbench } from '@lockstep/app';
import {
  ActivateInput,
  ApiError,
  ConfirmedAccount,
  ConfirmFirstCoordinatorInput,
  SessionInfo,
  SetupInput,
  SetupState,
  SignInInput,
  TalksId,
  TalksUser,
  talksBodyLimitBytes,
  talksDeviceCookie,
  talksDeviceDays,
  talksSessionCookie,
  talksSessionHours,
} from '@lockstep/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readCookie } from '../../cookies.ts';
import { operationRoutes } from '../operation-routes.ts';

const tags = ['talks'];
const EventsQuery = z.object({
  after: z
    .string()
    .optional()
    .describe('The last event you had (its id), when the client cannot send Last-Event-ID'),
});
const errors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  413: ApiError,
  422: ApiError,
  429: ApiError,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller of a talks route, set by its preValidation hook. */
    talksCaller?: TalksCaller;
  }
}

/** The 403 for a first-run request that does not come from this machine (see `notFromThisMachine`), if any. */
function refusalFromAfar(request: FastifyRequest, what: string): TalksError | undefined {
  const refused = notFromThisMachine(request);
  return refused === undefined
    ? undefined
    : new TalksError(
        403,
        `${what} only from the server machine, at http://127.0.0.1 or http://localhost: this request was refused because ${refused}`,
      );
}

/** The secret a request carries: `Authorization: Bearer <token>` (CLI) or the session cookie (web). */
function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? '';
  }
  return readCookie(request.headers.cookie, talksSessionCookie);
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a `Host` header or an origin (`http://localhost:8080` → `localhost`), lower-cased. */
function hostName(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Why the request may not create the first admin, or undefined when it may: it must come from this machine
 * (the socket's address and, behind a trusted proxy, the client's), be addressed to it by name (the `Host`
 * header: a DNS-rebinding page reaches 127.0.0.1 under its own name), and come from a page of this server or
 * from no page at all (`Origin` and `Sec-Fetch-Site`).
 */
function notFromThisMachine(request: FastifyRequest): string | undefined {
  const socket = request.socket.remoteAddress ?? '';
  if (!loopbackAddresses.has(socket) || !loopbackAddresses.has(request.ip)) {
    return 'it did not come from the server machine (127.0.0.1 or ::1)';
  }
  const host = request.headers.host ?? '';
  if (!loopbackHosts.has(hostName(host) ?? '')) {
    return `it was addressed to "${host}", not to localhost, 127.0.0.1 or [::1]`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && (hostName(origin) === undefined || new URL(origin).host !== host)) {
    return `it came from a page of "${origin}", not of this server`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `it came from a ${site} page`;
  }
  return undefined;
}

/** A NUL character or a lone UTF-16 surrogate: JSON carries them, but PostgreSQL cannot store them. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || loneSurrogate.test(text);

/** The path (`body.title`) of the first string in a request body that the store cannot hold, if any. */
export function unstorableField(value: unknown, path = 'body'): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableField(item, `${path}.${index}`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableField(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses, after validation, a body with a string the store cannot hold (it failed with a 500, and the
 * store's error, logged with its parameters, carried the paper's text into the log).
 */
async function storableBody(request: FastifyRequest, reply: FastifyReply) {
  const field = unstorableField(request.body);
  if (field === undefined) return;
  return sendTalksError(
    reply,
    new TalksError(400, `${field}: text may not contain a NUL character or an unpaired surrogate`, field),
  );
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  // Secure only over TLS: a browser drops a Secure cookie set over plain http://127.0.0.1.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${talksSessionCookie}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The device cookie: sent back only to the sign-in route, where it spares its browser the throttle. */
function deviceCookie(request: FastifyRequest, value: string): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${talksDeviceCookie}=${encodeURIComponent(value)}; Path=/api/talks/session; HttpOnly; SameSite=Strict; Max-Age=${talksDeviceDays * 86_400}${secure}`;
}

/** Sends a refusal as the API's error shape; a 409 carries the current version, a 429 a Retry-After. */
export function sendTalksError(reply: FastifyReply, error: TalksError): FastifyReply {
  const code = (
    {
      400: 'bad_request',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
      409: 'conflict',
      422: 'unprocessable',
      429: 'too_many_requests',
    } as const
  )[error.status];
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  const body: ApiError = {
    error: {
      code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion }),
    },
  };
  return reply.status(error.status).send(body);
}

/**
 * `/api/talks/...`: sign-in and first run (public, written here: they set cookies and check where the request
 * comes from), and every talks operation of the registry behind authentication and the policy.
 */
export function talksApi(workbench: Workbench): FastifyPluginAsyncZod {
  // The workbench's talks, read at each request (a test may give the server talks on another clock).
  const talks = () => workbench.talks;
  return async (server) => {
    // What the talks answer is for the signed-in caller alone: no cache, shared or private, may keep it.
    server.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/talks')) reply.header('cache-control', 'no-store');
    });

    server.get(
      '/talks/setup',
      {
        schema: {
          tags,
          summary: 'Whether the first admin is still to be created',
          response: { 200: SetupState },
        },
      },
      async (request) => {
        const local = notFromThisMachine(request) === undefined;
        const first = local ? await talks().accounts.firstCoordinatorToConfirm() : undefined;
        return {
          needsAdmin: await talks().accounts.needsAdmin(),
          ...(first
            ? { firstCoordinator: { id: first.id, username: first.username, displayName: first.displayName } }
            : {}),
          fromLocalhost: local,
        };
      },
    );

    server.post(
      '/talks/setup',
      {
        bodyLimit: talksBodyLimitBytes,
        schema: {
          tags,
          summary:
            'Create the first admin: only from this machine (address, Host and Origin), with the one-time console code the server printed, and only while there is no account',
          body: SetupInput,
          response: { 201: TalksUser, ...errors },
        },
        preHandler: storableBody,
      },
      async (request, reply) => {
        const refused = refusalFromAfar(request, 'the first admin can be created');
        if (refused) return sendTalksError(reply, refused);
        return reply.status(201).send(await talks().accounts.setupAdmin(request.body, 'api', request.ip));
      },
    );

    server.post(
      '/talks/setup/coordinator',
      {
        bodyLimit: talksBodyLimitBytes,
        schema: {
          tags,
          summary:
            "Confirm the first coordinator with the console code: from this machine only, while no coordinator is active. Its activation code is printed on the server's console, not sent back",
          body: ConfirmFirstCoordinatorInput,
          response: { 200: ConfirmedAccount, ...errors },
        },
        preHandler: storableBody,
      },
      async (request, reply) => {
        const refused = refusalFromAfar(request, 'the first coordinator can be confirmed');
        if (refused) return sendTalksError(reply, refused);
        return talks().accounts.confirmFirstCoordinator(
          request.body.userId,
          request.body.setupCode,
          request.ip,
        );
      },
    );

    server.post(
      '/talks/activate',
      {
        bodyLimit: talksBodyLimitBytes,
        schema: {
          tags,
          summary:
            'Set your password with the activation code your confirmer gave you, and sign in (sets the session and device cookies)',
          body: ActivateInput,
          response: { 200: SessionInfo, ...errors },
        },
        preHandler: storableBody,
      },
      async (request, reply) => {
        const { secret, session, deviceSecret } = await talks().accounts.activate(
          request.body.username,
          request.body.activationCode,
          request.body.password,
          { address: request.ip, previousSecret: readCookie(request.headers.cookie, talksSessionCookie) },
        );
        reply.header('set-cookie', [
          sessionCookie(request, secret, talksSessionHours * 3600),
          deviceCookie(request, deviceSecret),
        ]);
        return session;
      },
    );

    server.post(
      '/talks/session',
      {
        bodyLimit: talksBodyLimitBytes,
        schema: {
          tags,
          summary:
            "Sign in: sets an HttpOnly, SameSite=Strict session cookie (a new one every time) and a device cookie that spares this browser the slow-down others' failed guesses put on the account",
          body: SignInInput,
          response: { 200: SessionInfo, ...errors },
        },
        preHandler: storableBody,
      },
      async (request, reply) => {
        const { secret, session, deviceSecret } = await talks().accounts.signIn(
          request.body.username,
          request.body.password,
          {
            address: request.ip,
            previousSecret: readCookie(request.headers.cookie, talksSessionCookie),
            deviceSecret: readCookie(request.headers.cookie, talksDeviceCookie),
          },
        );
        reply.header('set-cookie', [
          sessionCookie(request, secret, talksSessionHours * 3600),
          deviceCookie(request, deviceSecret),
        ]);
        return session;
      },
    );

    // The live events: a stream per signed-in reader, each event filtered to what that reader may see.
    const streams = new Set<() => void>();
    server.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });
    server.get(
      '/talks/events',
      {
        schema: {
          tags,
          summary:
            'Live events, as server-sent events (text/event-stream): one JSON TalksEvent per message, each something you may see that changed (a relay that reached you, a paper sent, a text changed, a round opened or closed, a note of your desk), by id only; read the thing through its own route. Reconnect with Last-Event-ID (or ?after=) to get what you missed; a `resync` message asks you to read everything again, an `ended` one says your session ended',
          querystring: EventsQuery,
          response: { 200: z.string().describe('text/event-stream'), ...errors },
        },
      },
      async (request, reply) => {
        const secret = credentialOf(request);
        if (!secret) {
          return sendTalksError(reply, new TalksError(401, 'not signed in: sign in, or send an API token'));
        }
        const caller = await talks().accounts.authenticate(secret);
        await talks().checkRequest(caller, 'talks.events', 'none', '');
        const header = request.headers['last-event-id'];
        const lastId = typeof header === 'string' && header !== '' ? header : request.query.after;
        if (lastId !== undefined && !/^\d{1,15}$/.test(lastId)) {
          const field = typeof header === 'string' && header !== '' ? 'header.last-event-id' : 'query.after';
          return sendTalksError(
            reply,
            new TalksError(
              400,
              `${field}: "${lastId.slice(0, 40)}" is not an event id: give a whole number`,
              field,
            ),
          );
        }
        reply.hijack();
        const raw = reply.raw;
        // The headers the server's hooks set (security headers) go out too: a hijacked reply skips onSend.
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined) raw.setHeader(name, value);
        }
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        let ended = false;
        let unsubscribe: (() => void) | undefined;
        const end = () => {
          if (ended) return;
          ended = true;
          streams.delete(end);
          unsubscribe?.();
          raw.end();
        };
        const send = (data: object, id?: number) => {
          if (!ended) raw.write(`${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
        };
        streams.add(end);
        request.raw.on('close', end);
        raw.write('retry: 2000\n\n');
        try {
          unsubscribe = await talks().events.subscribe(
            caller,
            secret,
            lastId === undefined ? undefined : Number(lastId),
            {
              event: (event) => send(event, event.seq),
              notice: (notice) => {
                send(notice);
                if (notice.type === 'ended') end();
              },
              heartbeat: () => {
                if (!ended) raw.write(': keep-alive\n\n');
              },
            },
          );
        } catch (error) {
          send({
            type: 'ended',
            reason: error instanceof Error ? error.message : 'the stream could not start',
          });
          end();
          return;
        }
        if (ended) unsubscribe();
      },
    );

    // Every signed-in route, generated from the talks operations of the registry. Each operation's policy
    // action is checked (on the paper, relay, token or account its path names) before the body is validated,
    // so a refusal says nothing of the body and a request the caller may not make is never parsed.
    await server.register(
      operationRoutes(workbench, {
        select: (op) => op.policy !== undefined,
        preValidation: async (op, request, untypedReply) => {
          // The hook runs before the route's response types apply: its reply sends the error shape.
          const reply = untypedReply as FastifyReply;
          const secret = credentialOf(request);
          if (!secret) {
            return sendTalksError(reply, new TalksError(401, 'not signed in: sign in, or send an API token'));
          }
          const caller = await talks().accounts.authenticate(secret);
          const resource = op.policy!.resource ?? 'none';
          const id = (request.params as { id?: string }).id ?? '';
          // The policy looks the paper or token up before the params are validated: refuse an id that no
          // paper or token can have (a NUL byte made the store fail with a 500) before it reaches the store.
          if (resource !== 'none' && !TalksId.safeParse(id).success) {
            return sendTalksError(
              reply,
              new TalksError(400, 'path.id: an id is 1 to 64 letters, digits, "_" or "-"', 'path.id'),
            );
          }
          await talks().checkRequest(caller, op.policy!.action, resource, id);
          request.talksCaller = caller;
        },
        preHandler: storableBody,
        callContext: (_op, request) => ({ caller: request.talksCaller!, policyChecked: true }),
        afterRun: (name, request, reply) => {
          if (name === 'talks.session.end') reply.header('set-cookie', sessionCookie(request, '', 0));
        },
      }),
    );
  };
}
