import type { TalksAction, TalksCaller, TalksService } from '@lockstep/app';
import {
  AddClauseInput,
  AddVersionInput,
  AlternativeParams,
  ApiToken,
  AuditCheckpointJson,
  AuditPage,
  AuditQuery,
  AuditVerification,
  ChangePasswordInput,
  ChannelList,
  ClauseParams,
  ConfirmedAccount,
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
  ReceivedRelayView,
  RelayIdParams,
  RelayInput,
  RenderedTextJson,
  ResetPasswordInput,
  RoundsReport,
  RoundWriteInput,
  SendVersionInput,
  SessionInfo,
  SessionsEnded,
  SetStatusInput,
  TalksExport,
  TalksUser,
  TextList,
  TokenIdParams,
  TokenList,
  UserIdParams,
  UserList,
} from '@lockstep/contract';
import { z } from 'zod';

/**
 * What a route's rule is checked against before its body is read: nothing, or the paper, relay, token or
 * account named by the path's `:id`.
 */
export type RouteResource = 'none' | 'document' | 'relay' | 'token' | 'account';

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
    handle: ({ talks, caller }) => talks.accounts.session(caller),
  }),
  route({
    method: 'DELETE',
    url: '/session',
    action: 'session.end',
    summary: 'Sign out: the session (or the token used) stops working at once',
    response: Done,
    handle: async ({ talks, caller }) => {
      await talks.accounts.signOut(caller);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/channels',
    action: 'channel.list',
    summary: 'The channels you take part in (there is no US-Iran channel)',
    response: ChannelList,
    handle: ({ talks, caller }) => ({ channels: talks.papers.channels(caller.actor) }),
  }),
  route({
    method: 'GET',
    url: '/documents',
    action: 'document.list',
    summary:
      "Your inbox: your delegation's papers, what was sent to you (coordinator), relays that reached you",
    response: Inbox,
    handle: ({ talks, caller }) => talks.papers.inbox(caller.actor),
  }),
  route({
    method: 'POST',
    url: '/documents',
    action: 'document.create',
    summary: 'Write a non-paper (a draft, seen only by your delegation until sent)',
    body: CreateDocumentInput,
    response: DocumentView,
    status: 201,
    handle: ({ talks, caller, body }) => talks.papers.createDocument(caller.actor, body),
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
    handle: ({ talks, caller, params }) => talks.papers.readDocument(caller.actor, params.id),
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
    handle: ({ talks, caller, params, body }) => talks.papers.addVersion(caller.actor, params.id, body),
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
    handle: ({ talks, caller, params, body }) => talks.papers.sendVersion(caller.actor, params.id, body),
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
    handle: ({ talks, caller, params, body }) => talks.papers.relay(caller.actor, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/relays/:id',
    action: 'relay.read',
    resource: 'relay',
    summary:
      'One relay that reached you: the relayed title and text, note, who relayed it and when; the author only if disclosed, never the paper',
    params: RelayIdParams,
    response: ReceivedRelayView,
    handle: ({ talks, caller, params }) => talks.papers.readRelay(caller.actor, params.id),
  }),
  route({
    method: 'GET',
    url: '/texts',
    action: 'text.read',
    summary: "Every expert group's negotiating text, proposers shown only as disclosed to you",
    response: TextList,
    handle: async ({ talks, caller }) => ({ texts: await talks.texts.texts(caller.actor) }),
  }),
  route({
    method: 'GET',
    url: '/texts/:group',
    action: 'text.read',
    summary: "One expert group's negotiating text",
    params: GroupParams,
    response: RenderedTextJson,
    handle: ({ talks, caller, params }) => talks.texts.text(caller.actor, params.group),
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
    handle: ({ talks, caller, params, body }) => talks.texts.addClause(caller.actor, params.group, body),
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
      talks.texts.propose(caller.actor, params.group, params.clauseId, body),
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
      talks.texts.withdraw(caller.actor, params.group, params.clauseId, params.alternativeId, body),
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
      talks.texts.setStatus(caller.actor, params.group, params.clauseId, body),
  }),
  route({
    method: 'GET',
    url: '/rounds',
    action: 'round.read',
    summary: 'The rounds, and what changed in the texts since the last one closed, as you may see it',
    response: RoundsReport,
    handle: ({ talks, caller }) => talks.rounds.rounds(caller.actor),
  }),
  route({
    method: 'POST',
    url: '/rounds',
    action: 'round.open',
    summary: 'Open the next round (coordinator)',
    body: RoundWriteInput,
    response: RoundsReport,
    status: 201,
    handle: ({ talks, caller, body }) => talks.rounds.openRound(caller.actor, body),
  }),
  route({
    method: 'POST',
    url: '/rounds/close',
    action: 'round.close',
    summary: 'Close the open round, snapshotting every text (coordinator)',
    body: RoundWriteInput,
    response: RoundsReport,
    handle: ({ talks, caller, body }) => talks.rounds.closeRound(caller.actor, body),
  }),
  route({
    method: 'GET',
    url: '/progress',
    action: 'progress.read',
    summary: 'Agreed clauses over total, per group and overall, now and over time',
    response: ProgressReport,
    handle: ({ talks, caller }) => talks.rounds.progress(caller.actor),
  }),
  route({
    method: 'GET',
    url: '/export',
    action: 'talks.export',
    summary: 'Everything you may see, as one JSON document (recorded as a read of each paper in it)',
    response: TalksExport,
    handle: ({ talks, caller }) => talks.record.exportFor(caller),
  }),
  route({
    method: 'GET',
    url: '/audit',
    action: 'audit.read',
    summary: 'The audit log, a page at a time (admin)',
    querystring: AuditQuery,
    response: AuditPage,
    handle: ({ talks, caller, query }) => talks.record.auditPage(caller.actor, query.after, query.limit),
  }),
  route({
    method: 'GET',
    url: '/audit/verify',
    action: 'audit.verify',
    summary: 'Verify the hash chain; names the first edited, removed, reordered or inserted entry',
    response: AuditVerification,
    handle: ({ talks, caller }) => talks.record.verifyAudit(caller.actor),
  }),
  route({
    method: 'POST',
    url: '/audit/checkpoints',
    action: 'audit.checkpoint',
    summary:
      'Sign a checkpoint of the audit head with the Ed25519 key kept outside the database, keep it, and return it (download a copy to verify offline)',
    response: AuditCheckpointJson,
    status: 201,
    handle: ({ talks, caller }) => talks.record.checkpoint(caller.actor),
  }),
  route({
    method: 'GET',
    url: '/users',
    action: 'user.list',
    summary: 'The accounts with their status: active, pending (waiting for confirmation) or disabled (admin)',
    response: UserList,
    handle: async ({ talks, caller }) => ({ users: await talks.accounts.listUsers(caller.actor) }),
  }),
  route({
    method: 'POST',
    url: '/users',
    action: 'user.create',
    summary:
      'Create an account (admin). Any role but admin starts pending, with no access, until a second party confirms it',
    body: CreateUserInput,
    response: TalksUser,
    status: 201,
    handle: ({ talks, caller, body }) => talks.accounts.createUser(caller.actor, body),
  }),
  route({
    method: 'GET',
    url: '/users/pending',
    action: 'user.pending',
    summary:
      "The accounts waiting for your confirmation: your delegation's (a head); observers, coordinators and a delegation's first head (the coordinator)",
    response: UserList,
    handle: async ({ talks, caller }) => ({ users: await talks.accounts.pendingFor(caller.actor) }),
  }),
  route({
    method: 'POST',
    url: '/users/:id/confirm',
    action: 'user.confirm',
    resource: 'account',
    summary:
      'Confirm a pending account: the second party an admin cannot be (head of its delegation, or coordinator). Returns, once, the activation code to hand to the person',
    params: UserIdParams,
    response: ConfirmedAccount,
    handle: ({ talks, caller, params }) => talks.accounts.confirm(caller.actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/users/:id/disable',
    action: 'user.disable',
    resource: 'account',
    summary:
      'Disable an account (admin): its sessions and tokens end at once; it cannot sign in until enabled',
    params: UserIdParams,
    response: SessionsEnded,
    handle: ({ talks, caller, params }) => talks.accounts.disable(caller.actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/users/:id/enable',
    action: 'user.enable',
    resource: 'account',
    summary: 'Enable a disabled account again (admin)',
    params: UserIdParams,
    response: TalksUser,
    handle: ({ talks, caller, params }) => talks.accounts.enable(caller.actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/users/:id/sessions/end',
    action: 'user.end-sessions',
    resource: 'account',
    summary: 'End every session and API token of an account at once (admin)',
    params: UserIdParams,
    response: SessionsEnded,
    handle: ({ talks, caller, params }) => talks.accounts.endSessions(caller.actor, params.id),
  }),
  route({
    method: 'POST',
    url: '/users/:id/password',
    action: 'user.reset-password',
    resource: 'account',
    summary:
      'Set a new password for an account (admin): its sessions and tokens end, and an account that sees the talks waits for confirmation again',
    params: UserIdParams,
    body: ResetPasswordInput,
    response: SessionsEnded,
    handle: ({ talks, caller, params, body }) =>
      talks.accounts.resetPassword(caller.actor, params.id, body.password),
  }),
  route({
    method: 'POST',
    url: '/password',
    action: 'password.change',
    summary: 'Change your password, given the current one: your other sessions and every token of yours end',
    body: ChangePasswordInput,
    response: SessionsEnded,
    handle: ({ talks, caller, body }) =>
      talks.accounts.changePassword(caller, body.currentPassword, body.newPassword),
  }),
  route({
    method: 'GET',
    url: '/tokens',
    action: 'token.list',
    summary: 'Your API tokens (every token, for an admin); never their secrets',
    response: TokenList,
    handle: async ({ talks, caller }) => ({ tokens: await talks.accounts.listTokens(caller.actor) }),
  }),
  route({
    method: 'POST',
    url: '/tokens',
    action: 'token.create',
    summary:
      'Create an API token of your own for the CLI (no one makes one for someone else); its secret is shown once',
    body: CreateTokenInput,
    response: CreatedToken,
    status: 201,
    handle: ({ talks, caller, body }) => talks.accounts.createToken(caller.actor, body),
  }),
  route({
    method: 'DELETE',
    url: '/tokens/:id',
    action: 'token.revoke',
    resource: 'token',
    summary: 'Revoke an API token: its next use gets 401',
    params: TokenIdParams,
    response: ApiToken,
    handle: ({ talks, caller, params }) => talks.accounts.revokeToken(caller.actor, params.id),
  }),
];
