import {
  InputError,
  NotFoundError,
  PlanJobLimitError,
  PlanQueueFullError,
  SearchTimeoutError,
  TalksError,
} from '@lockstep/app';
import type { ApiError } from '@lockstep/contract';
import { talksBodyLimitBytes } from '@lockstep/contract';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sendTalksError } from './routes/talks/talks-routes.ts';

const contexts: Record<string, string> = {
  querystring: 'query',
  body: 'body',
  params: 'path',
  headers: 'header',
};

/**
 * Turns every error into the API's JSON error shape: a 400 that names the field and what is accepted for
 * invalid requests, a JSON 404 for unknown API routes, a 503 for a search that did not finish within its
 * time budget, and a 500 without internals for the rest.
 */
export function registerErrorHandlers(server: FastifyInstance): void {
  server.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0]!;
      const where = contexts[error.validationContext ?? ''] ?? error.validationContext ?? 'request';
      const path = fieldPath(issue.instancePath);
      const field = path ? `${where}.${path}` : where;
      const body: ApiError = {
        error: { code: 'bad_request', message: `${field}: ${issue.message}`, field },
      };
      return reply.status(400).send(body);
    }
    if (error instanceof InputError) {
      // Named like validation errors: where in the request (query or body), then the field.
      const field = error.field && `${request.method === 'GET' ? 'query' : 'body'}.${error.field}`;
      const body: ApiError = {
        error: { code: 'bad_request', message: error.message, ...(field && { field }) },
      };
      return reply.status(400).send(body);
    }
    if (error instanceof TalksError) return sendTalksError(reply, error);
    if (error instanceof NotFoundError) {
      const body: ApiError = { error: { code: 'not_found', message: error.message } };
      return reply.status(404).send(body);
    }
    if (error instanceof PlanQueueFullError) {
      const body: ApiError = { error: { code: 'busy', message: error.message } };
      return reply.status(503).header('retry-after', String(error.retryAfterSeconds)).send(body);
    }
    if (error instanceof PlanJobLimitError) {
      const body: ApiError = { error: { code: 'too_many_requests', message: error.message } };
      return reply.status(429).header('retry-after', String(error.retryAfterSeconds)).send(body);
    }
    if (error instanceof SearchTimeoutError) {
      const body: ApiError = { error: { code: 'timeout', message: error.message } };
      return reply.status(503).send(body);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The route's own limit where it sets one (the screening and match routes), else the talks' limit.
      const limit = request.url.startsWith('/api/talks')
        ? talksBodyLimitBytes
        : request.routeOptions.bodyLimit;
      const body: ApiError = {
        error: {
          code: 'payload_too_large',
          message: `the request body is too large${limit ? `: at most ${limit.toLocaleString('en')} bytes are accepted` : ''}`,
          field: 'body',
        },
      };
      return reply.status(413).send(body);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      const body: ApiError = {
        error: { code: 'bad_request', message: `body: not valid JSON (${error.message})`, field: 'body' },
      };
      return reply.status(400).send(body);
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      const body: ApiError = { error: { code: 'bad_request', message: error.message } };
      return reply.status(error.statusCode).send(body);
    }
    request.log.error({ err: withoutParameters(error) }, 'request failed');
    const body: ApiError = {
      error: { code: 'internal', message: 'the server failed to answer; see its log' },
    };
    return reply.status(500).send(body);
  });
}

/**
 * The error as it may be logged: a store error carries its statement's parameters (a paper's text, a
 * password hash), which stay out of the log; the statement, its code and the message are kept.
 */
function withoutParameters(error: Error): Error {
  if (!Object.hasOwn(error, 'params')) return error;
  const logged = new Error(error.message);
  logged.name = error.name;
  if (error.stack !== undefined) logged.stack = error.stack;
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'params') (logged as unknown as Record<string, unknown>)[key] = value;
  }
  return logged;
}

/**
 * A validation issue's JSON pointer (`/scenario/measures/12/durationDays`) as the field paths the rest of the
 * API names (`scenario.measures[12].durationDays`): array indices in brackets, as the core's errors give them.
 */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/** The JSON body of a 404 for an API path. */
export function notFound(method: string, url: string): ApiError {
  return {
    error: {
      code: 'not_found',
      message: `no API route ${method} ${url.split('?')[0]}; the routes are listed at /api/docs`,
    },
  };
}
