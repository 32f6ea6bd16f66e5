import type { TalksAction, TalksCaller, TalksService } from '@lockstep/app';
import {
  AddClauseInput,
  AddVersionInput,
  AlternativeParams,
  ApiToken,
  AuditPage,
  AuditQuery,
  AuditVerification,
  ChannelList,
  ClauseParams,
  CreateDocumentInput,
  CreatedToken,
  CreateTokenInput,
  CreateUserInput,
  DocumentIdParams,
  DocumentView,
  Done,
  GroupParams,
  Inbox,
  ProgressReport,
  ProposeInput,
  RelayInput,
  RenderedTextJson,
  RoundsReport,
  RoundWriteInput,
  SendVersionInput,
  SessionInfo,
  SetStatusInput,
  TalksExport,
  TalksUser,
  TextList,
  TokenIdParams,
  TokenList,
  UserList,
} from '@lockstep/contract';
import { z } from 'zod';

/** What a route's rule is checked against before its body is read: nothing, a paper, or a token. */
export type RouteResource = 'none' | 'document' | 'token';

/** What a route handler is given: the service, the signed-in caller and the validated request parts. */
export interface RouteContext<P, Q, B> {
  readonly talks: TalksService;
  readonly caller: TalksCaller;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

/**
 * One route of `/api/talks` that needs a signed-in caller. `action` names its rule in the core's policy
 * table; the server checks it (with the paper or token in the path, when `resource` says so) before the
 * body is parsed or the handler runs, and the authorization matrix test is generated from this table.
 */
export interface TalksRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to `/api/talks`. */
  readonly url: string;
  readonly action: TalksAction;
  readonly resource: RouteResource;
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** 201 for a creation; 200 otherwise. */
  readonly status: 200 | 201;
  readonly handle: (context: RouteContext<never, never, never>) => Promise<unknown> | unknown;
}

/** Builds a route with its handler typed by its schemas. */
function route<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(definition: {
  method: TalksRoute['method'];
  url: string;
  action: TalksAction;
  resource?: RouteResource;
  summary: string;
  params?: P;
  querystring?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  handle: (context: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>> | z.input<R>;
}): TalksRoute {
  return {
    ...definition,
    resource: definition.resource ?? 'none',
    status: definition.status ?? 200,
    handle: definition.handle as TalksRoute['handle'],
  };
}

/** Every signed-in route of the talks: one line each in the API, one rule each in the policy. */
export const talksRoutes: readonly TalksRoute[] = [
  route({
    method: 'GET',
    url: '/session',
    action: 'session.read',
    summary: 'Who you are signed in as, and until when',
    response: SessionInfo,
    handle: ({ talks, caller }) => talks.session(caller),
  }),
  route({
    method: 'DELETE',
    url: '/session',
    action: 'session.end',
    summary: 'Sign out: the session (or the token used) stops working at once',
    response: Done,
    handle: async ({ talks, caller }) => {
      await talks.signOut(caller);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/channels',
    action: 'channel.list',
    summary: 'The channels you take part in (there is no US-Iran channel)',
    response: ChannelList,
    handle: ({ talks, caller }) => ({ channels: talks.channels(caller.actor) }),
  }),
  route({
    method: 'GET',
    url: '/documents',
    action: 'document.list',
    summary:
      "Your inbox: your delegation's papers, what was sent to you (coordinator), relays that reached you",
    response: Inbox,
    handle: ({ talks, caller }) => talks.inbox(caller.actor),
  }),
  route({
    method: 'POST',
    url: '/documents',
    action: 'document.create',
    summary: 'Write a non-paper (a draft, seen only by your delegation until sent)',
    body: CreateDocumentInput,
    response: DocumentView,
    status: 201,
    handle: ({ talks, caller, body }) => talks.createDocument(caller.actor, body),
  }),
  route({
    method: 'GET',
    url: '/documents/:id',
    action: 'document.read',
    resource: 'document',
    summary:
      'One paper as you may see it: all versions (author), sent versions and relays (coordinator), or relays',
    params: DocumentIdParams,
    response: DocumentView,
    handle: ({ talks, caller, params }) => talks.readDocument(caller.actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/documents/:id/versions',
    action: 'document.version',
    resource: 'document',
    summary: "Add a draft version to your delegation's paper",
    params: DocumentIdParams,
    body: AddVersionInput,
    response: DocumentView,
    status: 201,
    handle: ({ talks, caller, params, body }) => talks.addVersion(caller.actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/documents/:id/send',
    action: 'document.send',
    resource: 'document',
    summary: 'Send one version of your paper to the coordinator',
    params: DocumentIdParams,
    body: SendVersionInput,
    response: DocumentView,
    handle: ({ talks, caller, params, body }) => talks.sendVersion(caller.actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/documents/:id/relays',
    action: 'document.relay',
    resource: 'document',
    summary: 'Relay a sent version, as is or edited, to delegations or the plenary (coordinator)',
    params: DocumentIdParams,
    body: RelayInput,
    response: DocumentView,
    status: 201,
    handle: ({ talks, caller, params, body }) => talks.relay(caller.actor, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/texts',
    action: 'text.read',
    summary: "Every expert group's negotiating text, proposers shown only as disclosed to you",
    response: TextList,
    handle: async ({ talks, caller }) => ({ texts: await talks.texts(caller.actor) }),
  }),
  route({
    method: 'GET',
    url: '/texts/:group',
    action: 'text.read',
    summary: "One expert group's negotiating text",
    params: GroupParams,
    response: RenderedTextJson,
    handle: ({ talks, caller, params }) => talks.text(caller.actor, params.group),
  }),
  route({
    method: 'POST',
    url: '/texts/:group/clauses',
    action: 'text.add-clause',
    summary: 'Add an open clause to a text (coordinator)',
    params: GroupParams,
    body: AddClauseInput,
    response: RenderedTextJson,
    status: 201,
    handle: ({ talks, caller, params, body }) => talks.addClause(caller.actor, params.group, body),
  }),
  route({
    method: 'POST',
    url: '/texts/:group/clauses/:clauseId/alternatives',
    action: 'text.propose',
    summary: 'Put a bracketed alternative into an open clause (coordinator)',
    params: ClauseParams,
    body: ProposeInput,
    response: RenderedTextJson,
    status: 201,
    handle: ({ talks, caller, params, body }) =>
      talks.propose(caller.actor, params.group, params.clauseId, body),
  }),
  route({
    method: 'POST',
    url: '/texts/:group/clauses/:clauseId/alternatives/:alternativeId/withdraw',
    action: 'text.withdraw',
    summary: 'Withdraw a standing alternative (coordinator); it stays in the record',
    params: AlternativeParams,
    body: z.object({ expectedVersion: z.number().int().min(1) }),
    response: RenderedTextJson,
    handle: ({ talks, caller, params, body }) =>
      talks.withdraw(caller.actor, params.group, params.clauseId, params.alternativeId, body),
  }),
  route({
    method: 'POST',
    url: '/texts/:group/clauses/:clauseId/status',
    action: 'text.set-status',
    summary: "Record a clause's status: open, agreed ad referendum, agreed (coordinator)",
    params: ClauseParams,
    body: SetStatusInput,
    response: RenderedTextJson,
    handle: ({ talks, caller, params, body }) =>
      talks.setStatus(caller.actor, params.group, params.clauseId, body),
  }),
  route({
    method: 'GET',
    url: '/rounds',
    action: 'round.read',
    summary: 'The rounds, and what changed in the texts since the last one closed, as you may see it',
    response: RoundsReport,
    handle: ({ talks, caller }) => talks.rounds(caller.actor),
  }),
  route({
    method: 'POST',
    url: '/rounds',
    action: 'round.open',
    summary: 'Open the next round (coordinator)',
    body: RoundWriteInput,
    response: RoundsReport,
    status: 201,
    handle: ({ talks, caller, body }) => talks.openRound(caller.actor, body),
  }),
  route({
    method: 'POST',
    url: '/rounds/close',
    action: 'round.close',
    summary: 'Close the open round, snapshotting every text (coordinator)',
    body: RoundWriteInput,
    response: RoundsReport,
    handle: ({ talks, caller, body }) => talks.closeRound(caller.actor, body),
  }),
  route({
    method: 'GET',
    url: '/progress',
    action: 'progress.read',
    summary: 'Agreed clauses over total, per group and overall, now and over time',
    response: ProgressReport,
    handle: ({ talks, caller }) => talks.progress(caller.actor),
  }),
  route({
    method: 'GET',
    url: '/export',
    action: 'talks.export',
    summary: 'Everything you may see, as one JSON document (recorded as a read of each paper in it)',
    response: TalksExport,
    handle: ({ talks, caller }) => talks.exportFor(caller),
  }),
  route({
    method: 'GET',
    url: '/audit',
    action: 'audit.read',
    summary: 'The audit log, a page at a time (admin)',
    querystring: AuditQuery,
    response: AuditPage,
    handle: ({ talks, caller, query }) => talks.auditPage(caller.actor, query.after, query.limit),
  }),
  route({
    method: 'GET',
    url: '/audit/verify',
    action: 'audit.verify',
    summary: 'Verify the hash chain; names the first edited, removed, reordered or inserted entry',
    response: AuditVerification,
    handle: ({ talks, caller }) => talks.verifyAudit(caller.actor),
  }),
  route({
    method: 'GET',
    url: '/users',
    action: 'user.list',
    summary: 'The accounts (admin)',
    response: UserList,
    handle: async ({ talks, caller }) => ({ users: await talks.listUsers(caller.actor) }),
  }),
  route({
    method: 'POST',
    url: '/users',
    action: 'user.create',
    summary: 'Create an account (admin); the password is hashed with argon2id',
    body: CreateUserInput,
    response: TalksUser,
    status: 201,
    handle: ({ talks, caller, body }) => talks.createUser(caller.actor, body),
  }),
  route({
    method: 'GET',
    url: '/tokens',
    action: 'token.list',
    summary: 'Your API tokens (every token, for an admin); never their secrets',
    response: TokenList,
    handle: async ({ talks, caller }) => ({ tokens: await talks.listTokens(caller.actor) }),
  }),
  route({
    method: 'POST',
    url: '/tokens',
    action: 'token.create',
    summary: 'Create an API token for the CLI; its secret is shown once',
    body: CreateTokenInput,
    response: CreatedToken,
    status: 201,
    handle: ({ talks, caller, body }) => talks.createToken(caller.actor, body),
  }),
  route({
    method: 'DELETE',
    url: '/tokens/:id',
    action: 'token.revoke',
    resource: 'token',
    summary: 'Revoke an API token: its next use gets 401',
    params: TokenIdParams,
    response: ApiToken,
    handle: ({ talks, caller, params }) => talks.revokeToken(caller.actor, params.id),
  }),
];
