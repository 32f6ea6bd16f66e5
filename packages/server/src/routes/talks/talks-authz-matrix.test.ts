import {
  type Actor,
  authorize,
  httpBindings,
  type Operation,
  operations,
  type PolicyResource,
  policyTable,
  type Role,
} from '@lockstep/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTalksTestServer, type TalksTestServer } from './talks-test-server.ts';

// Planted in the Iranian delegation's papers and token: no refusal may carry any of them.
const secrets = {
  draftTitle: 'SECRET-DRAFT-TITLE',
  draftText: 'SECRET-DRAFT-TEXT',
  sentTitle: 'SENT-PAPER-TITLE',
  sentText: 'SENT-PAPER-ORIGINAL-TEXT',
  relayedText: 'RELAYED-TO-FRANCE-ONLY',
  toUsOriginalTitle: 'TO-US-ORIGINAL-TITLE',
  toUsOriginalText: 'TO-US-ORIGINAL-TEXT',
  noteText: 'IRAN-PRIVATE-NOTE-TEXT',
};
/** What the coordinator relays of the third paper to the US, without naming its author. */
const relayToUs = { title: 'RELAY-TITLE-FOR-US', text: 'RELAY-TEXT-FOR-US' };

/** The callers of the matrix: every role, the delegates from the US (not the papers' author). */
const callers: readonly { username: string; role: Role; delegation?: 'us' }[] = [
  { username: 'matrix.coordinator', role: 'coordinator' },
  { username: 'matrix.us.head', role: 'head', delegation: 'us' },
  { username: 'matrix.us.member', role: 'member', delegation: 'us' },
  { username: 'matrix.observer', role: 'observer' },
  { username: 'admin', role: 'admin' },
];

/** Every signed-in route of the talks, from the operation registry: its policy action and resource. */
const talksRoutes = (Object.values(operations) as Operation[]).flatMap((op) =>
  op.policy
    ? httpBindings(op).map((binding) => ({
        method: binding.method,
        url: binding.path.replace(/^\/talks/, ''),
        action: op.policy!.action,
        resource: op.policy!.resource ?? 'none',
      }))
    : [],
);

let t: TalksTestServer;
let iranTokenSecret = '';
let draftId = '';
let sentPaperId = '';
let toUsPaperId = '';
let pendingIranMemberId = '';
let noteId = '';
const cookies = new Map<string, string>();
const actors = new Map<string, Actor>();
/** The resources owned by Iran, each with what the policy sees of it per caller. */
const resources: {
  name: string;
  id: string;
  kind: 'document' | 'relay' | 'token' | 'account' | 'note';
  view(caller: string): PolicyResource;
}[] = [];

beforeAll(async () => {
  t = await startTalksTestServer();
  const iranId = await t.user('matrix.iran.head', 'head', 'iran');
  const iran = await t.signIn('matrix.iran.head');
  for (const caller of callers) {
    const id =
      caller.username === 'admin' ? undefined : await t.user(caller.username, caller.role, caller.delegation);
    const cookie = caller.username === 'admin' ? t.admin : await t.signIn(caller.username);
    cookies.set(caller.username, cookie);
    const session = await t.server.inject({ url: '/api/talks/session', headers: { cookie } });
    const userId = id ?? session.json().user.id;
    actors.set(caller.username, {
      userId,
      role: caller.role,
      ...(caller.delegation ? { delegation: caller.delegation } : {}),
    });
  }
  const inject = (method: 'POST' | 'GET', url: string, cookie: string, payload?: object) =>
    t.server.inject({
      method,
      url: `/api/talks${url}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
  const draft = await inject('POST', '/documents', iran, {
    title: secrets.draftTitle,
    text: secrets.draftText,
  });
  const sent = await inject('POST', '/documents', iran, { title: secrets.sentTitle, text: secrets.sentText });
  const sentId = sent.json().documentId;
  await inject('POST', `/documents/${sentId}/send`, iran, { number: 1, expectedVersion: 1 });
  const relayed = await inject('POST', `/documents/${sentId}/relays`, cookies.get('matrix.coordinator')!, {
    documentVersion: 1,
    text: secrets.relayedText,
    note: '',
    to: ['france'],
  });
  expect(relayed.statusCode).toBe(201);
  // A third paper reaches the US, edited and without its author: the US may read the relay, nothing more.
  const toUs = await inject('POST', '/documents', iran, {
    title: secrets.toUsOriginalTitle,
    text: secrets.toUsOriginalText,
  });
  toUsPaperId = toUs.json().documentId;
  await inject('POST', `/documents/${toUsPaperId}/send`, iran, { number: 1, expectedVersion: 1 });
  const relayedToUs = await inject(
    'POST',
    `/documents/${toUsPaperId}/relays`,
    cookies.get('matrix.coordinator')!,
    { documentVersion: 1, ...relayToUs, note: '', to: ['us'] },
  );
  expect(relayedToUs.statusCode).toBe(201);
  // Iran's private note on the paper relayed to the US: Iran's desk alone sees it (the US, which read the
  // relay, the coordinator, the observer and the admin get 404 or 403).
  const note = await inject('POST', '/notes', iran, {
    subject: `document:${toUsPaperId}`,
    text: secrets.noteText,
  });
  expect(note.statusCode).toBe(201);
  noteId = note.json().id;
  expect((await inject('GET', `/notes/${noteId}`, iran)).body).toContain(secrets.noteText);
  const listed = await inject('GET', `/notes?subject=document:${toUsPaperId}&deleted=true`, iran);
  expect(listed.statusCode).toBe(200);
  expect(listed.json().notes.map((n: { id: string }) => n.id)).toEqual([noteId]);
  // A closed round, so that its report is a real answer (round.read) for whoever may read rounds.
  const coordinator = cookies.get('matrix.coordinator')!;
  expect((await inject('POST', '/rounds', coordinator, { expectedVersion: 1 })).statusCode).toBe(201);
  expect((await inject('POST', '/rounds/close', coordinator, { expectedVersion: 2 })).statusCode).toBe(200);
  const token = await inject('POST', '/tokens', iran, { label: 'iran laptop' });
  expect(token.statusCode).toBe(201);
  iranTokenSecret = token.json().secret;
  draftId = draft.json().documentId;
  sentPaperId = sentId;
  const documentView = (id: string) => async (caller: string) => {
    const resource = await t.workbench.talks.papers.documentPolicyResource(actors.get(caller)!, id);
    return resource!;
  };
  // Resolve the policy's views up front (the matrix below is synchronous per cell).
  const views = new Map<string, PolicyResource>();
  for (const [name, id] of [
    ['draft', draft.json().documentId],
    ['sent', sentId],
    ['relayed to the US', toUsPaperId],
  ] as const) {
    for (const caller of callers)
      views.set(`${name}:${caller.username}`, await documentView(id)(caller.username));
    resources.push({ name, id, kind: 'document', view: (caller) => views.get(`${name}:${caller}`)! });
  }
  resources.push({
    name: 'token',
    id: token.json().token.id,
    kind: 'token',
    view: () => ({ kind: 'token', ownerUserId: iranId }),
  });
  // The relays, each as its own resource: the US may read the one addressed to it, no one but the
  // coordinator the one to France.
  const coordinatorActor = actors.get('matrix.coordinator')!;
  const sentView = await t.workbench.talks.papers.readDocument(coordinatorActor, sentId);
  const toUsView = await t.workbench.talks.papers.readDocument(coordinatorActor, toUsPaperId);
  for (const [name, view] of [
    ['relay to France', sentView],
    ['relay to the US', toUsView],
  ] as const) {
    const relayId = view.kind === 'sent' ? view.relays[0]!.id : '';
    for (const caller of callers) {
      const resource = await t.workbench.talks.papers.relayPolicyResource(
        actors.get(caller.username)!,
        relayId,
      );
      views.set(`${name}:${caller.username}`, resource!);
    }
    resources.push({ name, id: relayId, kind: 'relay', view: (caller) => views.get(`${name}:${caller}`)! });
  }
  for (const caller of callers) {
    const resource = await t.workbench.talks.notes.notePolicyResource(actors.get(caller.username)!, noteId);
    views.set(`note:${caller.username}`, resource!);
  }
  resources.push({
    name: "Iran's note",
    id: noteId,
    kind: 'note',
    view: (caller) => views.get(`note:${caller}`)!,
  });
  // An Iranian member's account the admin made: it waits for Iran's head, whom no caller here is.
  const pending = await inject('POST', '/users', t.admin, {
    username: 'matrix.iran.member',
    displayName: 'Iran member',
    role: 'member',
    delegation: 'iran',
  });
  expect(pending.json()).toMatchObject({ status: 'pending' });
  pendingIranMemberId = pending.json().id;
  const accountView = (await t.workbench.talks.accounts.accountPolicyResource(pendingIranMemberId))!;
  resources.push({
    name: 'pending account',
    id: pendingIranMemberId,
    kind: 'account',
    view: () => accountView,
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/**
 * What of Iran's a caller may never read, in any answer: the draft is Iran's alone; the sent papers'
 * original titles and texts and the relay to France reach the coordinator only; the relay to the US reaches
 * the US (and not who wrote it); the token's secret no one. Delegates and observers may not learn the ids of
 * papers that did not reach them; the admin sees ids in the audit log, and no text.
 */
function hiddenFrom(caller: string): string[] {
  const always = [secrets.draftTitle, secrets.draftText, secrets.noteText, iranTokenSecret, draftId];
  if (caller === 'matrix.coordinator') return [...always, noteId];
  const originals = [
    ...always,
    secrets.sentTitle,
    secrets.sentText,
    secrets.relayedText,
    secrets.toUsOriginalTitle,
    secrets.toUsOriginalText,
  ];
  // The admin sees ids in the audit log (a note's too), never a text.
  if (caller === 'admin') return [...originals.filter((s) => s !== draftId), relayToUs.title, relayToUs.text];
  if (caller.startsWith('matrix.us.')) return [...originals, sentPaperId, noteId, 'iran'];
  return [...originals, sentPaperId, toUsPaperId, noteId, relayToUs.title, relayToUs.text];
}

/** The route's URL with its path parameters filled: the resource's id, and plausible ids for the rest. */
function urlOf(url: string, id: string): string {
  return `/api/talks${url}`
    .replace(':id', id)
    .replace(':group', 'sequencing')
    .replace(':clauseId', 'sq-1')
    .replace(':alternativeId', 'sq-1-a1')
    .replace(':number', '1') // round 1, closed in the set-up: its report is there to read
    .replace(/:[A-Za-z]+/g, 'p_1'); // a parameter added later gets a well-formed id too
}

/** The cells of the matrix: each route, with each resource of its kind (or none). */
function cells() {
  return talksRoutes.flatMap((route) => {
    const targets =
      route.resource === 'none'
        ? [{ name: 'none', id: 'x', view: () => ({ kind: 'none' }) as PolicyResource }]
        : resources.filter((r) => r.kind === route.resource);
    // A route on a kind of resource the matrix does not plant would otherwise be skipped silently.
    if (targets.length === 0) throw new Error(`no ${route.resource} to try ${route.method} ${route.url} on`);
    return targets.map((target) => ({ route, target }));
  });
}

describe('the authorization matrix, generated from the route table', () => {
  it('has a rule in the policy for every route, and every rule is reachable by a route', () => {
    expect(talksRoutes.length).toBeGreaterThan(20);
    for (const route of talksRoutes) {
      expect(Object.keys(policyTable), `${route.method} ${route.url}`).toContain(route.action);
      expect(typeof policyTable[route.action], route.action).toBe('function');
    }
    // An action with a rule but no route is dead policy (or a route that forgot to name its action).
    const used = new Set(talksRoutes.map((route) => route.action));
    expect(Object.keys(policyTable).filter((action) => !used.has(action as never))).toEqual([]);
    // One route per method and URL.
    const keys = talksRoutes.map((route) => `${route.method} ${route.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of talksRoutes) {
      if (route.url.includes(':id')) expect(route.resource).not.toBe('none');
    }
  });

  it('answers 401 to every route without a session or token, and with a made-up one', async () => {
    for (const route of talksRoutes) {
      for (const headers of [
        {},
        { cookie: 'lockstep_session=forged' },
        { authorization: 'Bearer lst_forged' },
      ]) {
        const response = await t.server.inject({
          method: route.method,
          url: urlOf(route.url, 'd_x'),
          headers,
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.json().error.code).toBe('unauthorized');
      }
    }
  });

  it('answers every route x role x resource of another delegation exactly as the policy rules', async () => {
    let denied = 0;
    let allowed = 0;
    let coordinatorSaw = '';
    let usSaw = '';
    for (const { route, target } of cells()) {
      for (const caller of callers) {
        const actor = actors.get(caller.username)!;
        const decision = authorize(actor, route.action, target.view(caller.username));
        const response = await t.server.inject({
          method: route.method,
          url: urlOf(route.url, target.id),
          headers: { cookie: cookies.get(caller.username)! },
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        const where = `${caller.username} ${route.method} ${route.url} on ${target.name}`;
        // Signing out ends the caller's session: sign in again for the next cells.
        if (route.action === 'session.end' && response.statusCode === 200) {
          cookies.set(caller.username, await t.signIn(caller.username));
        }
        // Disabling the account and ending its sessions leave the account as the next cells need it.
        if (route.action === 'user.disable' && response.statusCode === 200) {
          await t.workbench.talks.accounts.enable(actor, target.id);
        }
        if (caller.role === 'coordinator') coordinatorSaw += response.body;
        if (caller.delegation === 'us') usSaw += response.body;
        // Whatever the answer, it carries nothing of Iran's that this caller may not see.
        for (const hidden of hiddenFrom(caller.username)) expect(response.body, where).not.toContain(hidden);
        if (decision.allowed) {
          allowed++;
          expect([401, 403, 404], where).not.toContain(response.statusCode);
          expect(response.statusCode, `${where}: ${response.body}`).toBeLessThan(500);
          continue;
        }
        denied++;
        expect(response.statusCode, where).toBe(decision.status);
        const body = response.json();
        expect(Object.keys(body), where).toEqual(['error']);
        expect(Object.keys(body.error).sort(), where).toEqual(['code', 'message']);
        for (const secret of Object.values(secrets)) expect(response.body, where).not.toContain(secret);
        for (const id of [draftId, sentPaperId, ...resources.map((r) => r.id)])
          expect(response.body, where).not.toContain(id);
      }
    }
    // The hidden strings are really in the answers of whoever may see them: the checks above can fail.
    expect(coordinatorSaw).toContain(secrets.sentText);
    expect(coordinatorSaw).toContain(secrets.relayedText);
    expect(coordinatorSaw).toContain(sentPaperId);
    expect(coordinatorSaw).toContain(secrets.toUsOriginalText);
    expect(usSaw).toContain(relayToUs.text);
    // The round report was really drawn (round 1's, as JSON), not refused as input.
    expect(usSaw).toContain('"round": 1,');
    // The matrix is not trivially one-sided: both answers occur.
    expect(denied).toBeGreaterThan(30);
    expect(allowed).toBeGreaterThan(30);
  });

  it('gives the admin no way into a delegation through an account or a token of its making', async () => {
    // The matrix signed every caller out and in again: the admin's current session is in `cookies`.
    const admin = cookies.get('admin')!;
    const post = (url: string, payload: object, cookie = admin) =>
      t.server.inject({ method: 'POST', url: `/api/talks${url}`, headers: { cookie }, payload });
    const iranHeadId = (await t.workbench.talks.accounts.userNamed(actors.get('admin')!, 'matrix.iran.head'))
      .id;
    // A token for the Iranian head: refused, and nothing is made.
    const minted = await post('/tokens', { label: 'x', userId: iranHeadId });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.message).toMatch(/made only by its owner/);
    // An account of its own in Iran's delegation: the admin may not even choose its password.
    const withPassword = await post('/users', {
      username: 'admin.iran.head',
      displayName: 'Iran head (by admin)',
      role: 'head',
      delegation: 'iran',
      password: 'admin-made-iran-head-password',
    });
    expect(withPassword.statusCode).toBe(422);
    expect(withPassword.json().error.message).toMatch(/an admin does not choose the password of a head/);
    const made = await post('/users', {
      username: 'admin.iran.head',
      displayName: 'Iran head (by admin)',
      role: 'head',
      delegation: 'iran',
    });
    expect(made.json()).toMatchObject({ status: 'pending', role: 'head', delegation: 'iran' });
    const signIn = (username: string, pass: string) =>
      t.server.inject({ method: 'POST', url: '/api/talks/session', payload: { username, password: pass } });
    expect((await signIn('admin.iran.head', 'admin-made-iran-head-password')).statusCode).toBe(401);
    // The admin cannot confirm it; nor can a head of another delegation; the coordinator may not while Iran
    // has a head of its own.
    for (const who of ['admin', 'matrix.us.head', 'matrix.coordinator']) {
      const attempt = await post(`/users/${made.json().id}/confirm`, {}, cookies.get(who)!);
      expect(attempt.statusCode, who).toBe(404);
      expect(attempt.body).not.toMatch(/activation/i);
    }
    // Nor may it guess its way in with an activation code: there is none until a confirmation.
    const guess = await t.server.inject({
      method: 'POST',
      url: '/api/talks/activate',
      payload: {
        username: 'admin.iran.head',
        activationCode: 'AAAAA-BBBBB-CCCCC',
        password: 'some-password-of-mine',
      },
      remoteAddress: '10.251.0.1',
    });
    expect(guess.statusCode).toBe(401);
    // Resetting the Iranian head takes the account back to pending with no password: it gives the admin
    // nothing, and the admin may not set one.
    expect(
      (await post(`/users/${iranHeadId}/password`, { password: 'admin-chosen-password-for-iran' }))
        .statusCode,
    ).toBe(422);
    const reset = await post(`/users/${iranHeadId}/password`, {});
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.status).toBe('pending');
    expect((await signIn('matrix.iran.head', 'test-password-long-enough')).statusCode).toBe(401);
    // With no head left, the coordinator confirms the delegation's head (not the admin), and is given the
    // activation code to hand to the person; the admin never sees it.
    expect((await post(`/users/${iranHeadId}/confirm`, {})).statusCode).toBe(404);
    const confirmed = await post(`/users/${iranHeadId}/confirm`, {}, cookies.get('matrix.coordinator')!);
    expect(confirmed.json()).toMatchObject({
      user: { status: 'activation', confirmedBy: actors.get('matrix.coordinator')!.userId },
      activationCode: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/),
    });
    // The token the head had made before the reset was ended by it.
    const stale = await t.server.inject({
      url: '/api/talks/documents',
      headers: { authorization: `Bearer ${iranTokenSecret}` },
    });
    expect(stale.statusCode).toBe(401);
    // Every account and token action names whom it was done to.
    const audit = await t.server.inject({ url: '/api/talks/audit?limit=1000', headers: { cookie: admin } });
    const entries = audit.json().entries as {
      action: string;
      target: string;
      detail: Record<string, unknown>;
    }[];
    const created = entries.find(
      (e) => e.action === 'user.create' && e.detail.username === 'admin.iran.head',
    );
    expect(created?.detail).toMatchObject({ role: 'head', delegation: 'iran', status: 'pending' });
    const resetEntry = entries.find(
      (e) => e.action === 'user.reset-password' && e.target === `user:${iranHeadId}`,
    );
    expect(resetEntry).toMatchObject({
      target: `user:${iranHeadId}`,
      detail: { username: 'matrix.iran.head', confirmationWithdrawn: true },
    });
    const tokenEntry = entries.find((e) => e.action === 'token.create');
    expect(tokenEntry?.detail).toMatchObject({ owner: iranHeadId, ownerUsername: 'matrix.iran.head' });
  });

  it('never lets a caller who is refused a paper learn whether it exists: a missing paper gets the same answer', async () => {
    for (const caller of callers.filter((c) => c.role !== 'admin' && c.role !== 'coordinator')) {
      const cookie = cookies.get(caller.username)!;
      const draft = resources.find((r) => r.name === 'draft')!;
      const real = await t.server.inject({ url: `/api/talks/documents/${draft.id}`, headers: { cookie } });
      const missing = await t.server.inject({
        url: '/api/talks/documents/d_doesnotexist',
        headers: { cookie },
      });
      expect(real.statusCode).toBe(404);
      expect(real.body).toBe(missing.body);
    }
  });
});
