import { httpBindings, type Operation } from '@lockstep/app';
import { UsageError } from '../usage-error.ts';
import type { Remote } from './talks.ts';

/** The flag a schema field is given as (`expectedVersion` → `--expected-version`). */
function flagOf(field: PropertyKey | undefined): string {
  return `--${String(field ?? 'input').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Calls a signed-in operation (a talks one) on a running server, as the holder of `remote.token`, by the
 * operation's own HTTP binding: path parameters filled from the input, the rest as the query string (GET,
 * DELETE) or the JSON body (POST). The input is checked against the operation's schema first, naming the flag
 * at fault; the answer is checked against its output schema. A refusal about the input (400, 404, 409, 422)
 * is a usage error (exit 2), the rest a failure.
 */
export async function callOperationRemotely(
  remote: Remote,
  op: Operation,
  input: Record<string, unknown>,
): Promise<unknown> {
  const checked = op.input.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`${flagOf(issue.path[0])}: ${issue.message}`);
  }
  const binding = httpBindings(op)[0];
  if (!binding) throw new Error('this operation has no HTTP route to call a server with');
  const rest: Record<string, unknown> = { ...(checked.data as Record<string, unknown>) };
  const path = binding.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  const url = new URL(`/api${path}`, remote.server);
  if (binding.method !== 'POST') {
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: binding.method,
      headers: {
        authorization: `Bearer ${remote.token}`,
        ...(binding.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(binding.method === 'POST' ? { body: JSON.stringify(rest) } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `the Lockstep server at ${remote.server} could not be reached (${cause}): is it running?`,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  if (!response.ok) {
    const message = `the server answered ${response.status} to ${binding.method} ${url.pathname}: ${answer?.error?.message ?? response.statusText}`;
    throw [400, 404, 409, 422].includes(response.status) ? new UsageError(message) : new Error(message);
  }
  return op.output.parse(answer);
}
