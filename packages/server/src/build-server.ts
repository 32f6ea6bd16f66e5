import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { lockstepVersion, PlanJobs, type Workbench } from '@lockstep/app';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { notFound, registerErrorHandlers } from './errors.ts';
import { operationRoutes } from './routes/operation-routes.ts';
import { jobCallContext, ownerHeaders } from './routes/plans/plan-job-owner.ts';
import { talksApi } from './routes/talks/talks-routes.ts';

/** What the server serves. */
export interface ServerOptions {
  readonly workbench: Workbench;
  /** The built web app (`packages/web/dist`); without it only the API is served. */
  readonly webDir?: string | undefined;
  /** Log level for the server's own log on stderr; default `warn`. */
  readonly logLevel?: string | undefined;
  /** The queue of sequencing solves; default a new one (8 waiting at most), cancelled when the server closes. */
  readonly planJobs?: PlanJobs | undefined;
  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges), so that sign-in limits
   * count the client's address rather than the proxy's; default none: the socket's address is the client's.
   */
  readonly trustProxy?: readonly string[] | undefined;
}

/**
 * Headers on every answer. The web app loads only its own scripts; styles may be inline (charts write their
 * own); nothing may frame a page (clickjacking of the signed-in talks); no answer is sniffed into another
 * type; no page's address leaks to another site.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Builds the HTTP server: the JSON API under `/api`, its OpenAPI description at `/api/openapi.json` and
 * browsable docs at `/api/docs`, and the web app at every other path.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const server = Fastify({
    logger: { level: options.logLevel ?? 'warn', stream: process.stderr },
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: [...options.trustProxy] } : {}),
    // Errors before routing (a path parameter over 100 characters, a malformed URL) in the API's error shape.
    frameworkErrors: (error, _request, untypedReply) => {
      const reply = untypedReply as unknown as FastifyReply;
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const message = tooLong
        ? 'a path segment is longer than the 100 characters an id may have'
        : `the URL is not valid (${error.message})`;
      // Refused before routing, so before the onRequest hook: the headers are set here too.
      return reply
        .headers(securityHeaders)
        .status(tooLong ? 414 : 400)
        .send({ error: { code: 'bad_request', message, field: 'path' } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  server.addHook('onRequest', async (_request, reply) => {
    reply.headers(securityHeaders);
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(server);

  await server.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Lockstep API',
        version: lockstepVersion,
        description:
          'The JSON API of the Lockstep workbench. Every figure carries its source; every error names the field at fault.',
      },
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'lockstep_session',
            description: 'Set by POST /api/talks/session (the web app)',
          },
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token from POST /api/talks/tokens or `lockstep talks tokens create` (the CLI)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const planJobs = options.planJobs ?? new PlanJobs();
  // Closing the server (Ctrl-C on `lockstep serve`) stops a running solve and drops the queue.
  server.addHook('onClose', () => planJobs.close());
  await server.register(
    async (api) => {
      await api.register(
        operationRoutes(options.workbench, {
          select: (op) => !op.policy,
          callContext: (op, request, reply) => (op.job ? jobCallContext(planJobs, op, request, reply) : {}),
          headers: (op) => (op.job ? ownerHeaders : undefined),
        }),
      );
      await api.register(talksApi(options.workbench));
      api.get('/openapi.json', { schema: { hide: true } }, () => server.swagger());
    },
    { prefix: '/api' },
  );

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await server.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
  }
  server.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(notFound(request.method, request.url));
    }
    if (hasWeb && !/\.[a-z0-9]+$/i.test(path)) return reply.sendFile('index.html');
    return reply.status(404).send(notFound(request.method, request.url));
  });
  return server;
}
