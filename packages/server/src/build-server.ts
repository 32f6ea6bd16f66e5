import { existsSync, readFileSync, statSync } from 'node:fs';
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
import { healthRoute } from './routes/health-route.ts';
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
  /**
   * The queue of sequencing solves; default one on the workbench's store (8 waiting at most) with
   * `planJobWorkers` solving loops, closed with the server.
   */
  readonly planJobs?: PlanJobs | undefined;
  /** Solving loops of the default queue in this process (`lockstep serve --workers N`); default 1, 0 = API only. */
  readonly planJobWorkers?: number | undefined;
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
 * What a page of the web app needs first, by its path, sent with its HTML as `Link` preload headers so that
 * the browser fetches it while it loads the app's own scripts rather than after them:
 * - `module`: the page's source module in packages/web. The app loads each page's code apart (app.tsx), once
 *   its own script has run; the chunks the build made of the module (read from the build's manifest) are
 *   preloaded as modules instead.
 * - `fetches`: the API answers the page asks for as soon as it shows its default view, preloaded only for that
 *   view (a URL without a query string). The page's `fetch` takes the preloaded answer, which it can only do
 *   when the two requests are alike: same URL, `cors` mode and same-origin credentials (what `crossorigin`
 *   gives a preload, and `fetch` by default), no body.
 */
export const pagePreloads: Readonly<Record<string, PagePreload>> = {
  '/nuclear': { module: 'src/pages/nuclear/nuclear-page.tsx', fetches: ['/api/nuclear/overview'] },
  '/sanctions': { module: 'src/pages/sanctions/sanctions-page.tsx' },
  '/sequencing': { module: 'src/pages/sequencing/sequencing-page.tsx' },
  '/conflict': { module: 'src/pages/conflict/conflict-page.tsx', fetches: ['/api/conflicts'] },
  '/talks': { module: 'src/pages/talks/talks-page.tsx' },
  '/data': { module: 'src/pages/data-sources-page.tsx' },
};

export interface PagePreload {
  readonly module: string;
  readonly fetches?: readonly string[];
}

/** The part of Vite's build manifest (`dist/.vite/manifest.json`) read here: each chunk by its source. */
export type WebManifest = Readonly<
  Record<
    string,
    {
      readonly file: string;
      readonly isEntry?: boolean;
      readonly imports?: readonly string[];
      readonly css?: readonly string[];
    }
  >
>;

/**
 * The chunks the build made of `source` and every chunk they import, and their style sheets, as URLs
 * (`/assets/…`), without the app's entry chunk (which the HTML loads itself); none for a source the manifest
 * does not name.
 */
export function moduleChunks(
  manifest: WebManifest,
  source: string,
): { readonly scripts: string[]; readonly styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(`/${chunk.file}`)) return;
    scripts.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) styles.add(`/${css}`);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(source);
  return { scripts: [...scripts], styles: [...styles] };
}

/** The `Link` header of the page at `path` (without trailing slashes), or undefined when it preloads nothing. */
export function pageLinkHeader(
  path: string,
  hasQuery: boolean,
  manifest: WebManifest | undefined,
): string | undefined {
  const preload = pagePreloads[path];
  if (!preload) return undefined;
  const code = manifest ? moduleChunks(manifest, preload.module) : { scripts: [], styles: [] };
  // `crossorigin` throughout, as the app's own requests for them are made (module scripts, and the
  // stylesheet links Vite adds for a chunk it loads).
  const links = [
    ...(hasQuery ? [] : (preload.fetches ?? [])).map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`),
    ...code.scripts.map((url) => `<${url}>; rel=modulepreload; crossorigin`),
    ...code.styles.map((url) => `<${url}>; rel=preload; as=style; crossorigin`),
  ];
  return links.length > 0 ? links.join(', ') : undefined;
}

/** Reads the web build's manifest, again whenever the web app has been rebuilt; undefined without one. */
function manifestReader(webDir: string): () => WebManifest | undefined {
  const file = join(webDir, '.vite', 'manifest.json');
  let cached: { readonly mtimeMs: number; readonly manifest: WebManifest } | undefined;
  return () => {
    try {
      const { mtimeMs } = statSync(file);
      if (cached?.mtimeMs !== mtimeMs) {
        cached = { mtimeMs, manifest: JSON.parse(readFileSync(file, 'utf8')) as WebManifest };
      }
      return cached.manifest;
    } catch {
      return undefined;
    }
  };
}

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

  const planJobs =
    options.planJobs ?? new PlanJobs(options.workbench.db, { workers: options.planJobWorkers ?? 1 });
  // Closing the server stops the solves it runs and cancels those submitted through it, unless the plan jobs
  // were closed first (`lockstep serve` on PostgreSQL puts its running solves back in the queue).
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
      await api.register(healthRoute(options.workbench, planJobs));
      api.get('/openapi.json', { schema: { hide: true } }, () => server.swagger());
    },
    { prefix: '/api' },
  );

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  const readManifest = hasWeb ? manifestReader(webDir) : () => undefined;
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await server.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
    // The build's scripts and styles: named by their content's hash, so a browser keeps them without asking
    // again (a rebuilt app names its changed files anew).
    await server.register(fastifyStatic, {
      root: join(webDir, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      decorateReply: false,
      maxAge: '365d',
      immutable: true,
    });
  }
  server.setNotFoundHandler((request, reply) => {
    const [path = '', query] = request.url.split('?');
    if (path === '/api' || path.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(notFound(request.method, request.url));
    }
    if (hasWeb && !/\.[a-z0-9]+$/i.test(path)) {
      const link = pageLinkHeader(path.replace(/\/+$/, ''), query !== undefined, readManifest());
      if (link) reply.header('link', link);
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFound(request.method, request.url));
  });
  return server;
}
