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
  CreateNoteInput,
  CreateTokenInput,
  CreateUserInput,
  DeleteNoteQuery,
  DocumentIdParams,
  DocumentView,
  Done,
  EditNoteInput,
  GroupParams,
  Inbox,
  MissedEvents,
  MissedEventsQuery,
  NoteIdParams,
  NoteJson,
  NoteList,
  NoteListQuery,
  ProgressReport,
  ProposeInput,
  ReceivedRelayView,
  RelayIdParams,
  RelayInput,
  RenderedTextJson,
  ResetPasswordInput,
  RoundReportFile,
  RoundReportQuery,
  RoundsReport,
  RoundWriteInput,
  SendVersionInput,
  SessionInfo,
  SessionsEnded,
  SetStatusInput,
  TalksExport,
  TalksUser,
  TextDocumentFile,
  TextDocumentQuery,
  TextImportInput,
  TextImportResult,
  TextList,
  TokenIdParams,
  TokenList,
  talksBodyLimitBytes,
  UserIdParams,
  UserList,
} from '@lockstep/contract';
import type { TalksAction } from '@lockstep/core';
import { z } from 'zod';
import {
  type CallContext,
  type CliBinding,
  type ErrorStatus,
  type Operation,
  operation,
  type PolicyBinding,
} from '../operation.ts';
import { roundReportFile } from './round-report-document.ts';
import type { TalksCaller } from './talks-accounts.ts';
import { TalksError } from './talks-error.ts';
import type { TalksService } from './talks-service.ts';
import { textDocument } from './text-document.ts';
import { importText } from './text-import.ts';

/** What a talks route may answer besides success: a refusal, a conflict, a body too large, a throttle. */
const talksErrors: readonly ErrorStatus[] = [400, 401, 403, 404, 409, 413, 422, 429];

/** The caller the surface signed in; a talks operation is never run without one. */
export function callerOf(call: CallContext): TalksCaller {
  if (!call.caller) throw new TalksError(401, 'not signed in: sign in, or send an API token');
  return call.caller;
}

/**
 * One signed-in operation of the talks: its policy action (the one rule of who may call it), the paper,
 * relay, token or account its `:id` names, and its route under `/api/talks`. Its input is the path's
 * parameters with the body or query string.
 */
function talks<In extends z.ZodType, Out extends z.ZodType>(definition: {
  summary: string;
  action: TalksAction;
  resource?: PolicyBinding['resource'];
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to `/api/talks`. */
  path: string;
  status?: 200 | 201;
  /** The result is a file to download (`{contentType, fileName, body}`), not JSON. */
  download?: true;
  /** Its `lockstep` command, run through a server with the caller's API token (`--server`, `--token-file`). */
  cli?: CliBinding;
  input: In;
  output: Out;
  run: (
    talks: TalksService,
    caller: TalksCaller,
    input: z.output<In>,
  ) => Promise<z.input<Out>> | z.input<Out>;
}): Operation<In, Out> {
  return operation({
    summary: definition.summary,
    tag: 'talks',
    input: definition.input,
    output: definition.output,
    policy: {
      action: definition.action,
      ...(definition.resource ? { resource: definition.resource } : {}),
    },
    http: {
      method: definition.method,
      path: `/talks${definition.path}`,
      ...(definition.status ? { status: definition.status } : {}),
      ...(definition.download ? { download: true as const } : {}),
      errors: talksErrors,
      bodyLimit: talksBodyLimitBytes,
    },
    ...(definition.cli ? { cli: definition.cli } : {}),
    async run(context, input, call) {
      return definition.run(context.talks, callerOf(call), input);
    },
  });
}

const none = z.object({});
const ok = { ok: true as const };

/** Sessions, passwords and tokens: the caller's own. */
const sessionOperations = {
  'talks.session.read': talks({
    summary: 'Who you are signed in as, and until when',
    action: 'session.read',
    method: 'GET',
    path: '/session',
    input: none,
    output: SessionInfo,
    run: (talks, caller) => talks.accounts.session(caller),
  }),
  'talks.session.end': talks({
    summary: 'Sign out: the session (or the token used) stops working at once',
    action: 'session.end',
    method: 'DELETE',
    path: '/session',
    input: none,
    output: Done,
    run: async (talks, caller) => {
      await talks.accounts.signOut(caller);
      return ok;
    },
  }),
  'talks.password.change': talks({
    summary: 'Change your password, given the current one: your other sessions and every token of yours end',
    action: 'password.change',
    method: 'POST',
    path: '/password',
    input: ChangePasswordInput,
    output: SessionsEnded,
    run: (talks, caller, body) =>
      talks.accounts.changePassword(caller, body.currentPassword, body.newPassword),
  }),
  'talks.token.list': talks({
    summary: 'Your API tokens (every token, for an admin); never their secrets',
    action: 'token.list',
    method: 'GET',
    path: '/tokens',
    input: none,
    output: TokenList,
    run: async (talks, caller) => ({ tokens: await talks.accounts.listTokens(caller.actor) }),
  }),
  'talks.token.create': talks({
    summary:
      'Create an API token of your own for the CLI (no one makes one for someone else); its secret is shown once',
    action: 'token.create',
    method: 'POST',
    path: '/tokens',
    status: 201,
    input: CreateTokenInput,
    output: CreatedToken,
    run: (talks, caller, body) => talks.accounts.createToken(caller.actor, body),
  }),
  'talks.token.revoke': talks({
    summary: 'Revoke an API token: its next use gets 401',
    action: 'token.revoke',
    resource: 'token',
    method: 'DELETE',
    path: '/tokens/:id',
    input: TokenIdParams,
    output: ApiToken,
    run: (talks, caller, { id }) => talks.accounts.revokeToken(caller.actor, id),
  }),
};

/** Accounts: made by the admin, confirmed by a second party, disabled, enabled, reset. */
const accountOperations = {
  'talks.user.list': talks({
    summary: 'The accounts with their status: active, pending (waiting for confirmation) or disabled (admin)',
    action: 'user.list',
    method: 'GET',
    path: '/users',
    input: none,
    output: UserList,
    run: async (talks, caller) => ({ users: await talks.accounts.listUsers(caller.actor) }),
  }),
  'talks.user.create': talks({
    summary:
      'Create an account (admin). Any role but admin starts pending, with no access, until a second party confirms it',
    action: 'user.create',
    method: 'POST',
    path: '/users',
    status: 201,
    input: CreateUserInput,
    output: TalksUser,
    run: (talks, caller, body) => talks.accounts.createUser(caller.actor, body),
  }),
  'talks.user.pending': talks({
    summary:
      "The accounts waiting for your confirmation: your delegation's (a head); observers, coordinators and a delegation's first head (the coordinator)",
    action: 'user.pending',
    method: 'GET',
    path: '/users/pending',
    input: none,
    output: UserList,
    run: async (talks, caller) => ({ users: await talks.accounts.pendingFor(caller.actor) }),
  }),
  'talks.user.confirm': talks({
    summary:
      'Confirm a pending account: the second party an admin cannot be (head of its delegation, or coordinator). Returns, once, the activation code to hand to the person',
    action: 'user.confirm',
    resource: 'account',
    method: 'POST',
    path: '/users/:id/confirm',
    input: UserIdParams,
    output: ConfirmedAccount,
    run: (talks, caller, { id }) => talks.accounts.confirm(caller.actor, id),
  }),
  'talks.user.disable': talks({
    summary:
      'Disable an account (admin): its sessions and tokens end at once; it cannot sign in until enabled',
    action: 'user.disable',
    resource: 'account',
    method: 'POST',
    path: '/users/:id/disable',
    input: UserIdParams,
    output: SessionsEnded,
    run: (talks, caller, { id }) => talks.accounts.disable(caller.actor, id),
  }),
  'talks.user.enable': talks({
    summary: 'Enable a disabled account again (admin)',
    action: 'user.enable',
    resource: 'account',
    method: 'POST',
    path: '/users/:id/enable',
    input: UserIdParams,
    output: TalksUser,
    run: (talks, caller, { id }) => talks.accounts.enable(caller.actor, id),
  }),
  'talks.user.end-sessions': talks({
    summary: 'End every session and API token of an account at once (admin)',
    action: 'user.end-sessions',
    resource: 'account',
    method: 'POST',
    path: '/users/:id/sessions/end',
    input: UserIdParams,
    output: SessionsEnded,
    run: (talks, caller, { id }) => talks.accounts.endSessions(caller.actor, id),
  }),
  'talks.user.reset-password': talks({
    summary:
      'Set a new password for an account (admin): its sessions and tokens end, and an account that sees the talks waits for confirmation again',
    action: 'user.reset-password',
    resource: 'account',
    method: 'POST',
    path: '/users/:id/password',
    input: UserIdParams.extend(ResetPasswordInput.shape),
    output: SessionsEnded,
    run: (talks, caller, { id, password }) => talks.accounts.resetPassword(caller.actor, id, password),
  }),
};

/** Channels, papers and relays. */
const paperOperations = {
  'talks.channel.list': talks({
    summary: 'The channels you take part in (there is no US-Iran channel)',
    action: 'channel.list',
    method: 'GET',
    path: '/channels',
    input: none,
    output: ChannelList,
    run: (talks, caller) => ({ channels: talks.papers.channels(caller.actor) }),
  }),
  'talks.document.list': talks({
    summary:
      "Your inbox: your delegation's papers, what was sent to you (coordinator), relays that reached you",
    action: 'document.list',
    method: 'GET',
    path: '/documents',
    input: none,
    output: Inbox,
    run: (talks, caller) => talks.papers.inbox(caller.actor),
  }),
  'talks.document.create': talks({
    summary: 'Write a non-paper (a draft, seen only by your delegation until sent)',
    action: 'document.create',
    method: 'POST',
    path: '/documents',
    status: 201,
    input: CreateDocumentInput,
    output: DocumentView,
    run: (talks, caller, body) => talks.papers.createDocument(caller.actor, body),
  }),
  'talks.document.read': talks({
    summary:
      'One paper as you may see it: all versions (author), sent versions and relays (coordinator), or relays',
    action: 'document.read',
    resource: 'document',
    method: 'GET',
    path: '/documents/:id',
    input: DocumentIdParams,
    output: DocumentView,
    run: (talks, caller, { id }) => talks.papers.readDocument(caller.actor, id),
  }),
  'talks.document.version': talks({
    summary: "Add a draft version to your delegation's paper",
    action: 'document.version',
    resource: 'document',
    method: 'POST',
    path: '/documents/:id/versions',
    status: 201,
    input: DocumentIdParams.extend(AddVersionInput.shape),
    output: DocumentView,
    run: (talks, caller, { id, ...body }) => talks.papers.addVersion(caller.actor, id, body),
  }),
  'talks.document.send': talks({
    summary: 'Send one version of your paper to the coordinator',
    action: 'document.send',
    resource: 'document',
    method: 'POST',
    path: '/documents/:id/send',
    input: DocumentIdParams.extend(SendVersionInput.shape),
    output: DocumentView,
    run: (talks, caller, { id, ...body }) => talks.papers.sendVersion(caller.actor, id, body),
  }),
  'talks.document.relay': talks({
    summary: 'Relay a sent version, as is or edited, to delegations or the plenary (coordinator)',
    action: 'document.relay',
    resource: 'document',
    method: 'POST',
    path: '/documents/:id/relays',
    status: 201,
    input: DocumentIdParams.extend(RelayInput.shape),
    output: DocumentView,
    run: (talks, caller, { id, ...body }) => talks.papers.relay(caller.actor, id, body),
  }),
  'talks.relay.read': talks({
    summary:
      'One relay that reached you: the relayed title and text, note, who relayed it and when; the author only if disclosed, never the paper',
    action: 'relay.read',
    resource: 'relay',
    method: 'GET',
    path: '/relays/:id',
    input: RelayIdParams,
    output: ReceivedRelayView,
    run: (talks, caller, { id }) => talks.papers.readRelay(caller.actor, id),
  }),
};

/** The negotiating texts, written by the coordinator alone. */
const textOperations = {
  'talks.text.list': talks({
    summary: "Every expert group's negotiating text, proposers shown only as disclosed to you",
    action: 'text.read',
    method: 'GET',
    path: '/texts',
    input: none,
    output: TextList,
    run: async (talks, caller) => ({ texts: await talks.texts.texts(caller.actor) }),
  }),
  'talks.text.read': talks({
    summary: "One expert group's negotiating text",
    action: 'text.read',
    method: 'GET',
    path: '/texts/:group',
    input: GroupParams,
    output: RenderedTextJson,
    run: (talks, caller, { group }) => talks.texts.text(caller.actor, group),
  }),
  'talks.text.document': talks({
    summary:
      "One expert group's text as a .docx or .pdf in drafting conventions, as you may see it (proposers only as disclosed to you)",
    action: 'text.read',
    method: 'GET',
    path: '/texts/:group/document',
    download: true,
    input: TextDocumentQuery,
    output: TextDocumentFile,
    run: (talks, caller, { group, format }) => textDocument(talks, caller.actor, group, format),
  }),
  'talks.text.import': talks({
    summary:
      'Import a bracketed text (plain text, or a .docx as base64) into an empty text: a preview, or with apply the clauses created (coordinator)',
    action: 'text.add-clause',
    method: 'POST',
    path: '/texts/:group/import',
    input: GroupParams.extend(TextImportInput.shape),
    output: TextImportResult,
    run: (talks, caller, { group, ...body }) => importText(talks, caller.actor, group, body),
  }),
  'talks.text.add-clause': talks({
    summary: 'Add an open clause to a text (coordinator)',
    action: 'text.add-clause',
    method: 'POST',
    path: '/texts/:group/clauses',
    status: 201,
    input: GroupParams.extend(AddClauseInput.shape),
    output: RenderedTextJson,
    run: (talks, caller, { group, ...body }) => talks.texts.addClause(caller.actor, group, body),
  }),
  'talks.text.propose': talks({
    summary: 'Put a bracketed alternative into an open clause (coordinator)',
    action: 'text.propose',
    method: 'POST',
    path: '/texts/:group/clauses/:clauseId/alternatives',
    status: 201,
    input: ClauseParams.extend(ProposeInput.shape),
    output: RenderedTextJson,
    run: (talks, caller, { group, clauseId, ...body }) =>
      talks.texts.propose(caller.actor, group, clauseId, body),
  }),
  'talks.text.withdraw': talks({
    summary: 'Withdraw a standing alternative (coordinator); it stays in the record',
    action: 'text.withdraw',
    method: 'POST',
    path: '/texts/:group/clauses/:clauseId/alternatives/:alternativeId/withdraw',
    input: AlternativeParams.extend({ expectedVersion: z.number().int().min(1) }),
    output: RenderedTextJson,
    run: (talks, caller, { group, clauseId, alternativeId, ...body }) =>
      talks.texts.withdraw(caller.actor, group, clauseId, alternativeId, body),
  }),
  'talks.text.set-status': talks({
    summary: "Record a clause's status: open, agreed ad referendum, agreed (coordinator)",
    action: 'text.set-status',
    method: 'POST',
    path: '/texts/:group/clauses/:clauseId/status',
    input: ClauseParams.extend(SetStatusInput.shape),
    output: RenderedTextJson,
    run: (talks, caller, { group, clauseId, ...body }) =>
      talks.texts.setStatus(caller.actor, group, clauseId, body),
  }),
};

/** Rounds and progress. */
const roundOperations = {
  'talks.round.read': talks({
    summary: 'The rounds, and what changed in the texts since the last one closed, as you may see it',
    action: 'round.read',
    method: 'GET',
    path: '/rounds',
    input: none,
    output: RoundsReport,
    run: (talks, caller) => talks.rounds.rounds(caller.actor),
  }),
  'talks.round.open': talks({
    summary: 'Open the next round (coordinator)',
    action: 'round.open',
    method: 'POST',
    path: '/rounds',
    status: 201,
    input: RoundWriteInput,
    output: RoundsReport,
    run: (talks, caller, body) => talks.rounds.openRound(caller.actor, body),
  }),
  'talks.round.close': talks({
    summary: 'Close the open round, snapshotting every text (coordinator)',
    action: 'round.close',
    method: 'POST',
    path: '/rounds/close',
    input: RoundWriteInput,
    output: RoundsReport,
    run: (talks, caller, body) => talks.rounds.closeRound(caller.actor, body),
  }),
  'talks.round.report': talks({
    summary:
      "A closed round's one-page report as you may see it (agreed share by group, what changed, open brackets): json, html or pdf",
    action: 'round.read',
    method: 'GET',
    path: '/rounds/:number/report',
    download: true,
    input: RoundReportQuery,
    output: RoundReportFile,
    run: (talks, caller, { number, format }) => roundReportFile(talks, caller.actor, number, format),
  }),
  'talks.progress.read': talks({
    summary: 'Agreed clauses over total, per group and overall, now and over time',
    action: 'progress.read',
    method: 'GET',
    path: '/progress',
    input: none,
    output: ProgressReport,
    run: (talks, caller) => talks.rounds.progress(caller.actor),
  }),
};

/**
 * A desk's private notes (a delegation's, or the coordinator's office's) on papers, relays and clauses: its
 * members alone read and write them; another desk's note answers 404. Writes are recorded without the text.
 */
const noteOperations = {
  'talks.note.list': talks({
    summary:
      "Your desk's private notes (your delegation's, or the coordinator's office's), on one subject or all; no one else sees them",
    action: 'note.list',
    method: 'GET',
    path: '/notes',
    input: NoteListQuery,
    output: NoteList,
    cli: {
      command: 'talks notes list',
      options: [
        { flags: '--subject <subject>', field: 'subject' },
        { flags: '--deleted', field: 'deleted', value: 'true', description: 'list deleted notes too' },
      ],
    },
    run: async (talks, caller, query) => ({ notes: await talks.notes.list(caller.actor, query) }),
  }),
  'talks.note.create': talks({
    summary:
      'Write a private note on a paper you may read, a relay that reached you or a clause; recorded without its text',
    action: 'note.write',
    method: 'POST',
    path: '/notes',
    status: 201,
    input: CreateNoteInput,
    output: NoteJson,
    cli: {
      command: 'talks notes add',
      arguments: [
        {
          name: 'subject',
          field: 'subject',
          description: 'document:<paper id>, relay:<relay id> or clause:<group>/<clause id>',
        },
        { name: 'text', field: 'text', description: 'the note', variadic: 'join' },
      ],
    },
    run: (talks, caller, body) => talks.notes.create(caller.actor, body),
  }),
  'talks.note.read': talks({
    summary: "One of your desk's notes with every version (another desk's note answers 404)",
    action: 'note.read',
    resource: 'note',
    method: 'GET',
    path: '/notes/:id',
    input: NoteIdParams,
    output: NoteJson,
    cli: {
      command: 'talks notes show',
      arguments: [{ name: 'id', field: 'id', description: 'the note (lockstep talks notes list)' }],
    },
    run: (talks, caller, { id }) => talks.notes.read(caller.actor, id),
  }),
  'talks.note.edit': talks({
    summary:
      'Write a new version of a note (a deleted one is restored); 409 when it changed since you read it',
    action: 'note.write',
    resource: 'note',
    method: 'POST',
    path: '/notes/:id/versions',
    status: 201,
    input: NoteIdParams.extend(EditNoteInput.shape),
    output: NoteJson,
    cli: {
      command: 'talks notes edit',
      arguments: [
        { name: 'id', field: 'id', description: 'the note' },
        { name: 'text', field: 'text', description: 'its new text', variadic: 'join' },
      ],
      options: [{ flags: '--expected-version <n>', field: 'expectedVersion', required: true }],
    },
    run: (talks, caller, { id, ...body }) => talks.notes.edit(caller.actor, id, body),
  }),
  'talks.note.delete': talks({
    summary: 'Delete a note: a version that marks it deleted, its history kept for your desk',
    action: 'note.write',
    resource: 'note',
    method: 'DELETE',
    path: '/notes/:id',
    input: NoteIdParams.extend(DeleteNoteQuery.shape),
    output: NoteJson,
    cli: {
      command: 'talks notes delete',
      arguments: [{ name: 'id', field: 'id', description: 'the note' }],
      options: [{ flags: '--expected-version <n>', field: 'expectedVersion', required: true }],
    },
    run: (talks, caller, { id, ...query }) => talks.notes.delete(caller.actor, id, query),
  }),
};

/** The record: the export, the audit log and its signed checkpoints. */
const recordOperations = {
  'talks.export': talks({
    summary: 'Everything you may see, as one JSON document (recorded as a read of each paper in it)',
    action: 'talks.export',
    method: 'GET',
    path: '/export',
    input: none,
    output: TalksExport,
    run: (talks, caller) => talks.record.exportFor(caller),
  }),
  'talks.events.missed': talks({
    summary:
      'The live events you missed since event `after`, for a client that polls; the stream itself is GET /api/talks/events (server-sent events)',
    action: 'talks.events',
    method: 'GET',
    path: '/events/missed',
    input: MissedEventsQuery,
    output: MissedEvents,
    run: (talks, caller, query) => talks.events.missed(caller, query.after),
  }),
  'talks.audit.read': talks({
    summary: 'The audit log, a page at a time (admin)',
    action: 'audit.read',
    method: 'GET',
    path: '/audit',
    input: AuditQuery,
    output: AuditPage,
    run: (talks, caller, query) => talks.record.auditPage(caller.actor, query.after, query.limit),
  }),
  'talks.audit.verify': talks({
    summary: 'Verify the hash chain; names the first edited, removed, reordered or inserted entry',
    action: 'audit.verify',
    method: 'GET',
    path: '/audit/verify',
    input: none,
    output: AuditVerification,
    run: (talks, caller) => talks.record.verifyAudit(caller.actor),
  }),
  'talks.audit.checkpoint': talks({
    summary:
      'Sign a checkpoint of the audit head with the Ed25519 key kept outside the database, keep it, and return it (download a copy to verify offline)',
    action: 'audit.checkpoint',
    method: 'POST',
    path: '/audit/checkpoints',
    status: 201,
    input: none,
    output: AuditCheckpointJson,
    run: (talks, caller) => talks.record.checkpoint(caller.actor),
  }),
};

/**
 * Every signed-in operation of the talks, by concern. Each names its policy action: the server checks it
 * (on the paper, relay, token or account of the path) before it reads the body, and the authorization
 * matrix test is generated from these.
 */
export const talksOperations = {
  ...sessionOperations,
  ...accountOperations,
  ...paperOperations,
  ...textOperations,
  ...roundOperations,
  ...recordOperations,
  ...noteOperations,
};
