/**
 * The talks under load (target: p99 < 100 ms with zero errors): 100 signed-in sessions (the coordinator,
 * heads and members of the eight delegations, observers) reading and writing on one `lockstep serve` on
 * 127.0.0.1 for a bounded time. Each session acts like a busy delegate: one request, then a pause of 0.25 to
 * 0.75 s (about two requests a second per session). Reported beside it in the same run: the same sessions
 * with no pause (the server's saturated throughput and its latency), and the audit verification that follows.
 */
import type { ServerProcess } from '../e2e/server-process.ts';
import type { Emit } from './emit.ts';
import { openEventStreams } from './talks-events.ts';

export interface Session {
  readonly cookie: string;
  readonly role: string;
  readonly delegation?: string;
  /** The session's own paper (delegations) or clause (coordinator), so writes do not race each other. */
  target?: { id: string; version: number };
}

const password = 'bench-password-not-secret';

async function call(
  base: string,
  method: string,
  path: string,
  cookie: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(`/api/talks${path}`, base), {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(new URL('/api/talks/session', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Waits for the server to print a console code other than `previous`. */
async function nextConsoleCode(server: ServerProcess, previous: string | undefined): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const code = server.consoleCode();
    if (code && code !== previous) return code;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the server printed no new console code');
}

/**
 * Accounts, onboarded as on a real deployment (the first admin and the first coordinator with the console
 * codes the server printed; every other account made by the admin, confirmed by the coordinator and activated
 * by its person), and 100 sessions: 4 coordinator sessions, 84 delegates (8 delegations) and 12 observers.
 */
export async function setUp(server: ServerProcess): Promise<Session[]> {
  const base = server.url;
  const firstCode = await nextConsoleCode(server, undefined);
  const setup = await call(base, 'POST', '/setup', undefined, {
    username: 'bench-admin',
    displayName: 'Bench admin',
    password,
    setupCode: firstCode,
  });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${JSON.stringify(setup.json)}`);
  const admin = await signIn(base, 'bench-admin');
  const activate = async (username: string, confirmed: { status: number; json: unknown }) => {
    if (confirmed.status !== 200) throw new Error(`confirm ${username}: ${confirmed.status}`);
    const { activationCodeOnConsole } = confirmed.json as { activationCodeOnConsole?: boolean };
    // The first coordinator's code is printed on the server's console; the others come with the answer.
    for (let i = 0; activationCodeOnConsole && i < 200 && !server.activationCode(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const activationCode = activationCodeOnConsole
      ? server.activationCode()
      : (confirmed.json as { activationCode: string }).activationCode;
    const done = await call(base, 'POST', '/activate', undefined, { username, activationCode, password });
    if (done.status !== 200)
      throw new Error(`activate ${username}: ${done.status} ${JSON.stringify(done.json)}`);
  };
  const chair = await call(base, 'POST', '/users', admin, {
    username: 'bench-coordinator',
    displayName: 'bench-coordinator',
    role: 'coordinator',
  });
  const userId = (chair.json as { id: string }).id;
  const setupCode = await nextConsoleCode(server, firstCode);
  await activate(
    'bench-coordinator',
    await call(base, 'POST', '/setup/coordinator', undefined, { userId, setupCode }),
  );
  const chairSession = await signIn(base, 'bench-coordinator');
  const delegations = ['us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu'];
  const users: { username: string; role: string; delegation?: string }[] = [
    { username: 'bench-observer', role: 'observer' },
    ...delegations.map((d) => ({ username: `bench-${d}`, role: 'member', delegation: d })),
  ];
  for (const user of users) {
    const made = await call(base, 'POST', '/users', admin, { ...user, displayName: user.username });
    if (made.status !== 201) throw new Error(`user ${user.username}: ${made.status}`);
    const id = (made.json as { id: string }).id;
    // No delegation has a head here, so the coordinator confirms its members.
    await activate(user.username, await call(base, 'POST', `/users/${id}/confirm`, chairSession, {}));
  }
  const sessions: Session[] = [];
  const add = async (username: string, role: string, count: number, delegation?: string) => {
    for (let i = 0; i < count; i++) {
      sessions.push({ cookie: await signIn(base, username), role, ...(delegation ? { delegation } : {}) });
    }
  };
  await add('bench-coordinator', 'coordinator', 4);
  await add('bench-observer', 'observer', 12);
  for (const d of delegations) await add(`bench-${d}`, 'member', d === 'us' || d === 'iran' ? 12 : 10, d);
  const coordinator = sessions[0]!.cookie;
  // One clause per coordinator session, one paper per delegate session; one relayed paper for every inbox.
  for (const session of sessions) {
    if (session.role === 'coordinator') {
      const text = (await call(base, 'GET', '/texts/sequencing', session.cookie)).json as { version: number };
      const next = (await call(base, 'POST', '/texts/sequencing/clauses', session.cookie, {
        title: 'Bench clause',
        expectedVersion: text.version,
      })) as { json: { clauses: { id: string; version: number }[] } };
      const clause = next.json.clauses.at(-1)!;
      session.target = { id: clause.id, version: clause.version };
    } else if (session.role === 'member') {
      const made = (await call(base, 'POST', '/documents', session.cookie, {
        title: `Bench paper of ${session.delegation}`,
        text: 'First draft.',
      })) as { json: { documentId: string; version: number } };
      session.target = { id: made.json.documentId, version: made.json.version };
    }
  }
  const iran = sessions.find((s) => s.delegation === 'iran')!;
  const sent = await call(base, 'POST', `/documents/${iran.target!.id}/send`, iran.cookie, {
    number: 1,
    expectedVersion: iran.target!.version,
  });
  iran.target!.version = (sent.json as { version: number }).version;
  await call(base, 'POST', `/documents/${iran.target!.id}/relays`, coordinator, {
    documentVersion: 1,
    note: 'bench relay',
    to: ['us', 'plenary'],
  });
  return sessions;
}

/** The kinds of request a session makes, reported apart so that a tail shows where it comes from. */
const kinds = ['propose', 'add version', 'read paper', 'inbox', 'texts', 'progress'] as const;
type Kind = (typeof kinds)[number];

/** The kind of request `step` makes for `session` at iteration `i`. */
function kindOf(session: Session, i: number): Kind {
  const pick = i % 10;
  if (session.role === 'coordinator' && pick < 3) return 'propose';
  if (session.role === 'member' && pick < 2) return 'add version';
  if (session.role === 'member' && pick === 2) return 'read paper';
  if (pick < 6) return 'inbox';
  if (pick < 9) return 'texts';
  return 'progress';
}

/** One request a session makes: mostly reads (each inbox and paper read is also an audited write). */
async function step(base: string, session: Session, i: number): Promise<number> {
  const pick = i % 10;
  if (session.role === 'coordinator' && pick < 3) {
    const target = session.target!;
    const answer = await call(
      base,
      'POST',
      `/texts/sequencing/clauses/${target.id}/alternatives`,
      session.cookie,
      {
        text: `Wording ${i}`,
        proposer: 'coordinator',
        expectedVersion: target.version,
      },
    );
    if (answer.status === 201) {
      const clause = (answer.json as { clauses: { id: string; version: number }[] }).clauses.find(
        (c) => c.id === target.id,
      );
      target.version = clause!.version;
    }
    return answer.status;
  }
  if (session.role === 'member' && pick < 2) {
    const target = session.target!;
    const answer = await call(base, 'POST', `/documents/${target.id}/versions`, session.cookie, {
      text: `Draft ${i}`,
      expectedVersion: target.version,
    });
    if (answer.status === 201) target.version = (answer.json as { version: number }).version;
    return answer.status;
  }
  if (session.role === 'member' && pick === 2) {
    return (await call(base, 'GET', `/documents/${session.target!.id}`, session.cookie)).status;
  }
  if (pick < 6) return (await call(base, 'GET', '/documents', session.cookie)).status;
  if (pick < 9) return (await call(base, 'GET', '/texts', session.cookie)).status;
  return (await call(base, 'GET', '/progress', session.cookie)).status;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Every session loops for `seconds`: request, then `pause()` ms. `base` is the server, or the servers the
 * sessions are spread over (session k on server k mod n, as a load balancer would spread them).
 */
export async function run(
  base: string | readonly string[],
  sessions: Session[],
  seconds: number,
  pause: () => number,
) {
  const bases = typeof base === 'string' ? [base] : base;
  const latencies: number[] = [];
  const byKind = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
  let errors = 0;
  const statuses = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    sessions.map(async (session, k) => {
      // Sessions start spread over one pause, as people do, rather than all in the same millisecond.
      const first = pause();
      if (first > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * first));
      for (let i = k; performance.now() < end; i++) {
        const started = performance.now();
        let status = 0;
        try {
          status = await step(bases[k % bases.length]!, session, i);
        } catch {
          status = 0;
        }
        const elapsed = performance.now() - started;
        latencies.push(elapsed);
        byKind.get(kindOf(session, i))!.push(elapsed);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 200 || status >= 300) errors++;
        const wait = pause();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const perKind = Object.fromEntries(
    [...byKind].map(([kind, list]) => {
      list.sort((a, b) => a - b);
      const p50 = round1(percentile(list, 50));
      return [kind, { requests: list.length, p50, p99: round1(percentile(list, 99)) }];
    }),
  );
  return {
    requests: latencies.length,
    throughput: Math.round(latencies.length / seconds),
    p50: round1(percentile(latencies, 50)),
    p99: round1(percentile(latencies, 99)),
    errors,
    statuses: Object.fromEntries(statuses),
    perKind,
  };
}

export async function talksApiCases(emit: Emit, server: ServerProcess, seconds: number): Promise<void> {
  const base = server.url;
  const sessions = await setUp(server);
  await run(base, sessions, 3, () => 250 + Math.random() * 500); // warm-up, not reported
  const paced = await run(base, sessions, seconds, () => 250 + Math.random() * 500);
  const saturated = await run(base, sessions, Math.min(seconds, 10), () => 0);
  emit({
    bench: 'talks api',
    case: `100 signed-in sessions reading and writing for ${seconds} s, ~2 requests/s each: p99 (target < 100 ms, zero errors)`,
    value: paced.p99,
    unit: 'ms',
    p50: paced.p50,
    throughput: paced.throughput,
    requests: paced.requests,
    errors: paced.errors,
    statuses: paced.statuses,
    perKind: paced.perKind,
    peer: {
      case: `the same 100 sessions with no pause (saturated), ${Math.min(seconds, 10)} s`,
      value: saturated.p99,
      unit: 'ms',
      p50: saturated.p50,
      throughput: saturated.throughput,
      errors: saturated.errors,
      statuses: saturated.statuses,
      perKind: saturated.perKind,
    },
  });
  // The same paced load with every session's live events stream open (target: delivery p99 < 500 ms, no
  // event to a session that may not see it); the paced run above, without streams, is its baseline.
  const paperOwner = new Map(
    sessions.flatMap((s) => (s.role === 'member' && s.target ? [[s.target.id, s.delegation!] as const] : [])),
  );
  const streams = await openEventStreams(base, sessions, paperOwner);
  const live = await run(base, sessions, seconds, () => 250 + Math.random() * 500);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  streams.close();
  const delivery = [...streams.delivery].sort((a, b) => a - b);
  emit({
    bench: 'talks events',
    case: `100 sessions' live event streams open while the same load runs ${seconds} s: delivery p99 (target < 500 ms, no event to a session that may not see it)`,
    value: percentile(delivery, 99),
    unit: 'ms',
    p50: percentile(delivery, 50),
    events: delivery.length,
    byType: Object.fromEntries(streams.byType),
    violations: streams.violations.length,
    violationSamples: streams.violations.slice(0, 5),
    requestsP99: live.p99,
    requestsThroughput: live.throughput,
    errors: live.errors,
    peer: {
      case: 'the same paced load without streams (above)',
      value: paced.p99,
      unit: 'ms',
      throughput: paced.throughput,
    },
  });
  const admin = await signIn(base, 'bench-admin');
  const started = performance.now();
  const verified = (await call(base, 'GET', '/audit/verify', admin)).json as { ok: boolean; count: number };
  emit({
    bench: 'talks api',
    case: 'GET /api/talks/audit/verify after the load (every entry read from the store and re-hashed)',
    value: Math.round(performance.now() - started),
    unit: 'ms',
    entries: verified.count,
    ok: verified.ok,
  });
}
