import {
  type CallContext,
  newPlanJobOwnerSecret,
  type Operation,
  type PlanJobOwner,
  type PlanJobs,
  planJobOwner,
} from '@lockstep/app';
import type { ApiError } from '@lockstep/contract';
import { planJobOwnerCookie, planJobOwnerHeader } from '@lockstep/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readCookie } from '../../cookies.ts';

/** How long a browser keeps its owner cookie (seconds): 30 days; finished jobs are kept only 50 at a time. */
const ownerCookieMaxAgeSeconds = 30 * 24 * 3600;

/** The owner secret a request carries: the header a script sends, else the browser's cookie. */
function ownerSecret(request: FastifyRequest): { secret: string | undefined; fromHeader: boolean } {
  const header = request.headers[planJobOwnerHeader];
  if (header !== undefined) return { secret: Array.isArray(header) ? header[0] : header, fromHeader: true };
  return { secret: readCookie(request.headers.cookie, planJobOwnerCookie), fromHeader: false };
}

/** The 400 for an owner header that is not an owner secret (a malformed cookie is simply no owner). */
export function badOwnerHeader(): ApiError {
  const field = `header.${planJobOwnerHeader}`;
  return {
    error: {
      code: 'bad_request',
      field,
      message: `${field}: not an owner secret; expected 32 to 128 letters, digits, "-" or "_" (for example from openssl rand -hex 32), the same with every request`,
    },
  };
}

/**
 * The owner of the jobs a request may see, or `undefined` when it carries no owner secret (it then owns no
 * job), or `'malformed'` for an owner header that is not a secret.
 */
export function requestOwner(request: FastifyRequest): PlanJobOwner | undefined | 'malformed' {
  const { secret, fromHeader } = ownerSecret(request);
  const owner = planJobOwner(secret);
  return owner === undefined && fromHeader ? 'malformed' : owner;
}

/**
 * The owner a submit is made as: the request's own, or a new one whose secret is given to the browser in an
 * HttpOnly, SameSite=Strict cookie scoped to /api/plans (Secure over TLS). The server keeps only the hash.
 */
export function submitOwner(request: FastifyRequest, reply: FastifyReply): PlanJobOwner | 'malformed' {
  const owner = requestOwner(request);
  if (owner !== undefined) return owner;
  const secret = newPlanJobOwnerSecret();
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${planJobOwnerCookie}=${secret}; Path=/api/plans; HttpOnly; SameSite=Strict; Max-Age=${ownerCookieMaxAgeSeconds}${secure}`,
  );
  // A secret just made is well formed.
  return planJobOwner(secret)!;
}

/** The owner header a script may send, documented on every job route. */
export const ownerHeaders = z.looseObject({
  [planJobOwnerHeader]: z
    .string()
    .optional()
    .describe('Your owner secret, for scripts (browsers use the cookie): 32 to 128 letters, digits, - or _'),
});

/**
 * The queue and the owner a job operation runs as: a submit makes an owner for a browser that has none, the
 * others read it. A malformed owner header is answered 400 here (undefined: the request is answered). Job
 * answers are never stored by a cache: they are one owner's.
 */
export function jobCallContext(
  queue: PlanJobs,
  op: Operation,
  request: FastifyRequest,
  reply: FastifyReply,
): CallContext | undefined {
  reply.header('cache-control', 'no-store');
  const owner =
    op.http && 'method' in op.http && op.http.method === 'POST'
      ? submitOwner(request, reply)
      : requestOwner(request);
  if (owner === 'malformed') {
    reply.status(400).send(badOwnerHeader());
    return undefined;
  }
  return { jobs: { queue, owner, address: request.ip } };
}
