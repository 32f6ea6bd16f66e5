import {
  ApiError,
  ApiToken,
  AuditCheckpointJson,
  AuditPage,
  AuditVerification,
  ConfirmedAccount,
  CreatedToken,
  type CreateUserInput,
  DocumentView,
  Inbox,
  NoteJson,
  NoteList,
  ProgressReport,
  ReceivedRelayView,
  RenderedTextJson,
  RoundsReport,
  SessionInfo,
  SessionsEnded,
  SetupState,
  TalksUser,
  TextList,
  TokenList,
  UserList,
} from '@lockstep/contract';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';

/**
 * A talks call that failed: the server's sentence, its status, the request field at fault when the server
 * named one (`password`, `setupCode`), and for a 409 the current version.
 */
export class TalksCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly currentVersion?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Calls `/api/talks{path}` with the session cookie and checks the answer against the contract. */
export async function talksRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(`/api/talks${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new TalksCallError(`the Lockstep server could not be reached (${(error as Error).message})`, 0);
  }
  const answer: unknown = await response.json().catch((error: Error) => {
    if (error.name === 'AbortError') throw error;
    return undefined;
  });
  if (!response.ok) {
    const parsed = ApiError.safeParse(answer);
    throw parsed.success
      ? new TalksCallError(
          parsed.data.error.message,
          response.status,
          parsed.data.error.currentVersion,
          parsed.data.error.field,
        )
      : new TalksCallError(`the server answered ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new TalksCallError(`the answer to ${path} did not match the API contract`, 0);
  return parsed.data;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const user = (id: string) => `/users/${encodeURIComponent(id)}`;

/** Every call the Talks pages make, each checked against its contract schema. */
export const talksApi = {
  /** Public: whether the first admin is still to be made, and (on the server's machine) a first coordinator. */
  setup: (signal?: AbortSignal) => talksRequest('/setup', SetupState, withSignal(signal)),
  /** Public, from the server's machine: the first admin, with the console code the server printed. */
  createAdmin: (body: { username: string; displayName: string; password: string; setupCode: string }) =>
    talksRequest('/setup', TalksUser, { body }),
  /** Public, from the server's machine: confirms the first coordinator with the console code. */
  confirmFirstCoordinator: (body: { userId: string; setupCode: string }) =>
    talksRequest('/setup/coordinator', ConfirmedAccount, { body }),
  /** Public: sets one's own password with the activation code, and signs in. */
  activate: (body: { username: string; activationCode: string; password: string }) =>
    talksRequest('/activate', SessionInfo, { body }),
  session: (signal?: AbortSignal) => talksRequest('/session', SessionInfo, withSignal(signal)),
  signIn: (body: { username: string; password: string }) => talksRequest('/session', SessionInfo, { body }),
  signOut: () => fetch('/api/talks/session', { method: 'DELETE', credentials: 'same-origin' }),
  /** Changes one's own password: the other sessions and every token of the account end. */
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    talksRequest('/password', SessionsEnded, { body }),
  inbox: (signal?: AbortSignal) => talksRequest('/documents', Inbox, withSignal(signal)),
  document: (id: string, signal?: AbortSignal) =>
    talksRequest(`/documents/${encodeURIComponent(id)}`, DocumentView, withSignal(signal)),
  /** One relay that reached the user, in its relayed form only. */
  receivedRelay: (id: string, signal?: AbortSignal) =>
    talksRequest(`/relays/${encodeURIComponent(id)}`, ReceivedRelayView, withSignal(signal)),
  createDocument: (body: { title: string; text: string }) =>
    talksRequest('/documents', DocumentView, { body }),
  addVersion: (id: string, body: { text: string; expectedVersion: number }) =>
    talksRequest(`/documents/${encodeURIComponent(id)}/versions`, DocumentView, { body }),
  send: (id: string, body: { number: number; expectedVersion: number }) =>
    talksRequest(`/documents/${encodeURIComponent(id)}/send`, DocumentView, { body }),
  relay: (
    id: string,
    body: {
      documentVersion: number;
      title?: string;
      text?: string;
      note: string;
      to: string[];
      discloseAuthor: boolean;
    },
  ) => talksRequest(`/documents/${encodeURIComponent(id)}/relays`, DocumentView, { body }),
  texts: (signal?: AbortSignal) => talksRequest('/texts', TextList, withSignal(signal)),
  textWrite: (path: string, body: unknown) => talksRequest(`/texts/${path}`, RenderedTextJson, { body }),
  rounds: (signal?: AbortSignal) => talksRequest('/rounds', RoundsReport, withSignal(signal)),
  roundWrite: (close: boolean, expectedVersion: number) =>
    talksRequest(close ? '/rounds/close' : '/rounds', RoundsReport, { body: { expectedVersion } }),
  progress: (signal?: AbortSignal) => talksRequest('/progress', ProgressReport, withSignal(signal)),
  /** Admin: every account with its status. */
  users: (signal?: AbortSignal) => talksRequest('/users', UserList, withSignal(signal)),
  /** Admin: a new account; no password but for an admin account (the others wait for confirmation). */
  createUser: (body: CreateUserInput) => talksRequest('/users', TalksUser, { body }),
  /** Heads and the coordinator: the accounts waiting for their confirmation. */
  pendingUsers: (signal?: AbortSignal) => talksRequest('/users/pending', UserList, withSignal(signal)),
  /** Confirms a waiting account; the activation code in the answer is shown once. */
  confirmUser: (id: string) => talksRequest(`${user(id)}/confirm`, ConfirmedAccount, { body: {} }),
  disableUser: (id: string) => talksRequest(`${user(id)}/disable`, SessionsEnded, { body: {} }),
  enableUser: (id: string) => talksRequest(`${user(id)}/enable`, TalksUser, { body: {} }),
  endSessions: (id: string) => talksRequest(`${user(id)}/sessions/end`, SessionsEnded, { body: {} }),
  /** Admin: `{}` takes a participant back to pending; an admin account gets the password given. */
  resetPassword: (id: string, body: { password?: string }) =>
    talksRequest(`${user(id)}/password`, SessionsEnded, { body }),
  tokens: (signal?: AbortSignal) => talksRequest('/tokens', TokenList, withSignal(signal)),
  /** A token of the signed-in user's own (no one makes one for someone else). */
  createToken: (body: { label: string; expiresInDays: number }) =>
    talksRequest('/tokens', CreatedToken, { body }),
  revokeToken: (id: string) =>
    talksRequest(`/tokens/${encodeURIComponent(id)}`, ApiToken, { method: 'DELETE' }),
  /** The private notes of the user's desk on one subject (`document:<id>`, `relay:<id>`, `clause:<group>/<id>`). */
  notes: (subject: string, signal?: AbortSignal) =>
    talksRequest(`/notes?subject=${encodeURIComponent(subject)}`, NoteList, withSignal(signal)),
  createNote: (body: { subject: string; text: string }) => talksRequest('/notes', NoteJson, { body }),
  editNote: (id: string, body: { text: string; expectedVersion: number }) =>
    talksRequest(`/notes/${encodeURIComponent(id)}/versions`, NoteJson, { body }),
  deleteNote: (id: string, expectedVersion: number) =>
    talksRequest(`/notes/${encodeURIComponent(id)}?expectedVersion=${expectedVersion}`, NoteJson, {
      method: 'DELETE',
    }),
  /** The last `count` entries of the audit log (and its head). */
  audit: async (count: number, signal?: AbortSignal) => {
    const options = withSignal(signal);
    const { head } = await talksRequest('/audit?after=0&limit=1', AuditPage, options);
    return talksRequest(`/audit?after=${Math.max(0, head.seq - count)}&limit=${count}`, AuditPage, options);
  },
  verifyAudit: () => talksRequest('/audit/verify', AuditVerification),
  /** Signs a checkpoint of the audit head with the server's key kept outside the database. */
  signCheckpoint: () => talksRequest('/audit/checkpoints', AuditCheckpointJson, { body: {} }),
};

/** The state of a talks request: loading, failed (with the status), or its data; `reload` asks again. */
export type TalksState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string; readonly code: number }
  | { readonly status: 'ready'; readonly data: T };

/**
 * What a talks page calls when the server answers 401 (the session ended or was revoked): the Talks area then
 * takes the user to the sign-in page, and back here after signing in.
 */
export const SignedOutContext = createContext<() => void>(() => undefined);

/**
 * Loads on mount, when `key` changes and on `reload()`; a newer request cancels the one it replaces. A 401
 * answer tells the Talks area that the user is signed out.
 */
export function useTalks<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key = '',
): [TalksState<T>, () => void] {
  const [state, setState] = useState<TalksState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const signedOut = useContext(SignedOutContext);
  const signedOutRef = useRef(signedOut);
  signedOutRef.current = signedOut;
  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation name when to load again
  useEffect(() => {
    const controller = new AbortController();
    // A load that was superseded (a reload, a live event, the page left) says nothing, even if its answer
    // or its failure comes after the newer one's: an abort while its body was read fails as a bad answer.
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: Error) => {
        if (error.name === 'AbortError' || controller.signal.aborted) return;
        if (error instanceof TalksCallError && error.status === 401) signedOutRef.current();
        setState({
          status: 'error',
          message: error.message,
          code: error instanceof TalksCallError ? error.status : 0,
        });
      },
    );
    return () => controller.abort();
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}

/**
 * What to tell the user about a failed write: the server's sentence, and for a 409 (someone changed it
 * first) that the page now shows the current version.
 */
export function failureMessage(failure: unknown): string {
  const message = (failure as Error).message;
  return failure instanceof TalksCallError && failure.status === 409
    ? `${message} The page now shows the current version${failure.currentVersion === undefined ? '' : ` (version ${failure.currentVersion})`}: check it and try again.`
    : message;
}

/** Human labels. */
export const groupTitles: Record<string, string> = {
  'sanctions-lifting': 'Sanctions lifting',
  'nuclear-implementation': 'Nuclear implementation',
  sequencing: 'Sequencing',
};
export const statusTitles: Record<string, string> = {
  open: 'open',
  'agreed-ad-referendum': 'agreed ad referendum',
  agreed: 'agreed',
};
export const delegationNames: Record<string, string> = {
  us: 'United States',
  iran: 'Iran',
  china: 'China',
  france: 'France',
  germany: 'Germany',
  russia: 'Russia',
  uk: 'United Kingdom',
  eu: 'European Union',
  coordinator: 'the coordinator',
  plenary: 'the plenary',
};

/** "12 Apr 2021, 15:00 UTC". */
export function when(instant: string): string {
  const date = new Date(instant);
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}, ${date.toISOString().slice(11, 16)} UTC`;
}
