import type { FastifyReply } from 'fastify';

const serialized = new WeakMap<object, string>();

/**
 * Sends a result as JSON, serialising each result object once. The workbench answers repeated reads from
 * its cache with the same object, so a cached answer is also sent from its cached text: large answers
 * (the Nuclear page's data is about 70 KB) are not re-serialised on every request. The result was built
 * by typed code against the contract, so it is sent as it is.
 */
export function sendJson(reply: FastifyReply, result: object): FastifyReply {
  let text = serialized.get(result);
  if (text === undefined) {
    text = JSON.stringify(result);
    serialized.set(result, text);
  }
  return reply.type('application/json; charset=utf-8').send(text);
}
