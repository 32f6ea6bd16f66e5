import {
  type CallContext,
  type HttpBinding,
  httpBindings,
  type Operation,
  type OperationName,
  operations,
  type Workbench,
} from '@lockstep/app';
import { ApiError } from '@lockstep/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendJson } from './send-json.ts';

/** The `:name` parameters of a route path, in order. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
}

/** The fields of an object schema, or none for any other schema. */
function fieldsOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/**
 * The request parts a route validates: path parameters from the input's fields named in the path, the rest
 * from the query string (GET, DELETE) or the JSON body (POST). An input without path parameters is used as
 * it is, so its named schema stays named in the API document.
 */
export function requestSchemas(
  input: z.ZodType,
  binding: HttpBinding,
): { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType } {
  const names = pathParameters(binding.path);
  const fields = fieldsOf(input);
  const inBody = binding.method === 'POST';
  let rest: z.ZodType = input;
  let params: z.ZodType | undefined;
  if (names.length > 0) {
    if (!(input instanceof z.ZodObject))
      throw new Error(`${binding.path}: path parameters need an object input`);
    // The mask's keys are the path's names, which the registry test checks are the input's fields.
    const picked = Object.fromEntries(names.map((n) => [n, true as const])) as Record<string, true> &
      Record<number, never>;
    params = input.pick(picked);
    rest = input.omit(picked);
  }
  const restFields = fields.filter((f) => !names.includes(f));
  // A POST that takes nothing but its path (confirm an account, sign a checkpoint) reads no body.
  if (restFields.length === 0 && (!inBody || input instanceof z.ZodObject)) return params ? { params } : {};
  // A POST may take some fields from the query string (yente's `limit` and `threshold`).
  const queryFields = inBody ? (binding.query ?? []).filter((f) => restFields.includes(f)) : [];
  if (queryFields.length > 0 && rest instanceof z.ZodObject) {
    const mask = Object.fromEntries(queryFields.map((f) => [f, true as const])) as Record<string, true> &
      Record<number, never>;
    return { ...(params && { params }), querystring: rest.pick(mask), body: rest.omit(mask) };
  }
  return { ...(params && { params }), ...(inBody ? { body: rest } : { querystring: rest }) };
}

/** The response schemas a route documents: its result, and the API's error body for each error status. */
function responseSchemas(op: Operation, binding: HttpBinding): Record<number, z.ZodType> {
  const statuses = new Set(binding.errors ?? []);
  if (fieldsOf(binding.input ?? op.input).length > 0) statuses.add(400);
  if (op.policy) for (const s of [401, 403, 429] as const) statuses.add(s);
  const response: Record<number, z.ZodType> = { [binding.status ?? 200]: op.output };
  for (const status of [...statuses].sort()) response[status] = ApiError;
  return response;
}

/** The input of a call: the path parameters with the query string or body. */
function inputOf(request: FastifyRequest, binding: HttpBinding): Record<string, unknown> {
  const query = request.query as Record<string, unknown> | undefined;
  return {
    ...((request.method === 'POST' ? request.body : query) as object | undefined),
    ...(request.method === 'POST' &&
      query &&
      Object.fromEntries((binding.query ?? []).filter((f) => f in query).map((f) => [f, query[f]]))),
    ...(request.params as object | undefined),
  };
}

/** What serving one operation's route needs beyond the operation: how the caller is established. */
export interface OperationRouteOptions {
  /** Who calls: the signed-in talks caller, the submitter of a job. May answer the request itself (401). */
  readonly callContext?: (
    op: Operation,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<CallContext | undefined> | CallContext | undefined;
  /** The request headers a route documents (the owner header of the job routes). */
  readonly headers?: (op: Operation) => z.ZodType | undefined;
  /** Runs before the body is parsed: the policy check on the caller and the path's resource. */
  readonly preValidation?: (op: Operation, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** Runs after the body is validated, before the operation: a check the schema cannot make. */
  readonly preHandler?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** Runs after the operation succeeded, before the answer is sent (sign-out clears its cookie). */
  readonly afterRun?: (name: OperationName, request: FastifyRequest, reply: FastifyReply) => void;
  /** Which operations this plugin serves; default those without a policy or a job. */
  readonly select?: (op: Operation) => boolean;
  /** The prefix the paths of the selected operations share (`/talks` is served under its own plugin). */
  readonly stripPrefix?: string;
}

/**
 * The API's routes, generated from the operation registry: each HTTP binding becomes a Fastify route with its
 * summary, schemas and error statuses (and so its place in the OpenAPI document), dispatching to
 * `workbench.call`. Results are sent with `sendJson`; a download is sent as the file it describes.
 */
export function operationRoutes(
  workbench: Workbench,
  options: OperationRouteOptions = {},
): FastifyPluginAsyncZod {
  const select = options.select ?? ((op: Operation) => !op.policy && !op.job);
  return async (server) => {
    for (const [name, op] of Object.entries(operations) as [OperationName, Operation][]) {
      if (!select(op)) continue;
      for (const binding of httpBindings(op)) {
        const url = options.stripPrefix ? binding.path.slice(options.stripPrefix.length) : binding.path;
        server.route({
          method: binding.method,
          url,
          ...(binding.bodyLimit !== undefined && { bodyLimit: binding.bodyLimit }),
          schema: {
            tags: [op.tag],
            summary: binding.summary ?? op.summary,
            ...(binding.description && { description: binding.description }),
            ...(op.policy && {
              description: binding.description ?? `Policy action \`${op.policy.action}\`.`,
              security: [{ sessionCookie: [] }, { bearerToken: [] }],
            }),
            ...(binding.hidden && { hide: true }),
            ...requestSchemas(binding.input ?? op.input, binding),
            ...(options.headers?.(op) && { headers: options.headers(op) }),
            // A download's body is the file: only its media type describes it.
            ...(!binding.download && { response: responseSchemas(op, binding) }),
          },
          ...(options.preValidation && {
            preValidation: (request: FastifyRequest, reply: FastifyReply) =>
              options.preValidation!(op, request, reply),
          }),
          ...(options.preHandler && { preHandler: options.preHandler }),
          handler: async (request, reply) => {
            const call = options.callContext ? await options.callContext(op, request, reply) : {};
            if (call === undefined || reply.sent) return reply;
            const result = (await workbench.call(name, inputOf(request, binding) as never, call)) as object;
            if (binding.download) {
              // `inline`: a page the browser shows (a round report's HTML) rather than saves.
              const file = result as {
                contentType: string;
                fileName: string;
                body: string;
                inline?: boolean;
              };
              return reply
                .type(file.contentType)
                .header(
                  'content-disposition',
                  `${file.inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
                )
                .send(file.body);
            }
            options.afterRun?.(name, request, reply);
            reply.status(binding.status ?? 200);
            if (binding.location)
              reply.header('location', (binding.location as (r: object) => string)(result));
            // What a signed-in caller is sent passes through its schema, which drops any field it does not
            // name: what a delegation may see is exactly what the contract says.
            if (op.policy) return reply.send(result);
            return sendJson(reply, result);
          },
        });
      }
    }
  };
}
