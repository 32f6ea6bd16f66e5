import { type ExpertGroup, expertGroups } from './negotiating-text.ts';
import { type Actor, coordinatorOffice, delegationOf, type Party } from './roles.ts';
import { type TalksResult, talksFailure, talksSuccess } from './talks-rule-error.ts';
import { checkVersion } from './versioned.ts';

/**
 * Who keeps a private note: a delegation (its heads and members), or the coordinator's office (its
 * coordinators). Observers and admins keep none and see none. A desk's notes reach no one outside it: not the
 * coordinator (for a delegation's), not another delegation, not the admin.
 */
export type NoteDesk = Party;

/** The most characters a note's text may have (the same as a relay's covering note). */
export const noteTextMaxChars = 10_000;

/**
 * What a note is on: a paper the desk may read (its own, or for the coordinator one sent to it), a relay
 * that reached it, or a clause of an expert group's negotiating text.
 */
export type NoteSubject =
  | { readonly kind: 'document'; readonly documentId: string }
  | { readonly kind: 'relay'; readonly relayId: string }
  | { readonly kind: 'clause'; readonly group: ExpertGroup; readonly clauseId: string };

/** One version of a note. A deletion is a version too: it keeps no text, and the history before it stays. */
export interface NoteVersion {
  /** 1, 2, 3… in the order written. */
  readonly number: number;
  /** The text; empty for a deletion. */
  readonly text: string;
  /** When it was written (ISO 8601 instant). */
  readonly at: string;
  /** The user who wrote it. */
  readonly by: string;
  /** Set on the version that deleted the note. */
  readonly deleted?: true;
}

/** A desk's private note on one subject, with every version. */
export interface Note {
  /** Opaque id given by the store. */
  readonly id: string;
  readonly desk: NoteDesk;
  readonly subject: NoteSubject;
  readonly versions: readonly NoteVersion[];
  /** Optimistic version: 1 when written, +1 per edit or deletion (the number of its latest version). */
  readonly version: number;
}

/** The desk an actor keeps notes for: its delegation (heads, members), the coordinator's office, or none. */
export function deskOf(actor: Actor): NoteDesk | undefined {
  if (actor.role === 'coordinator') return coordinatorOffice;
  return delegationOf(actor);
}

/** The latest version of a note. */
export function latestNoteVersion(note: Note): NoteVersion {
  return note.versions[note.versions.length - 1]!;
}

/** Whether the note's latest version deleted it. */
export function isNoteDeleted(note: Note): boolean {
  return latestNoteVersion(note).deleted === true;
}

/** The note if `actor` is of its desk; `undefined` otherwise (the caller may not know it exists: 404). */
export function visibleNote(actor: Actor, note: Note): Note | undefined {
  const desk = deskOf(actor);
  return desk !== undefined && desk === note.desk ? note : undefined;
}

/**
 * A subject as one string, for a query string, the command line and the store: `document:<id>`,
 * `relay:<id>`, `clause:<group>/<clause id>`.
 */
export function noteSubjectKey(subject: NoteSubject): string {
  switch (subject.kind) {
    case 'document':
      return `document:${subject.documentId}`;
    case 'relay':
      return `relay:${subject.relayId}`;
    case 'clause':
      return `clause:${subject.group}/${subject.clauseId}`;
  }
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The subject a key names, or a rule error naming `field` and the forms accepted. */
export function parseNoteSubject(key: string, field = 'subject'): TalksResult<NoteSubject> {
  const accepted = 'give document:<paper id>, relay:<relay id> or clause:<group>/<clause id>';
  const colon = key.indexOf(':');
  const kind = colon < 0 ? '' : key.slice(0, colon);
  const rest = colon < 0 ? '' : key.slice(colon + 1);
  if (kind === 'document' && idPattern.test(rest)) return talksSuccess({ kind, documentId: rest });
  if (kind === 'relay' && idPattern.test(rest)) return talksSuccess({ kind, relayId: rest });
  if (kind === 'clause') {
    const slash = rest.indexOf('/');
    const group = rest.slice(0, Math.max(0, slash));
    const clauseId = rest.slice(slash + 1);
    if (slash > 0 && (expertGroups as readonly string[]).includes(group) && idPattern.test(clauseId)) {
      return talksSuccess({ kind, group: group as ExpertGroup, clauseId });
    }
    return talksFailure(
      'invalid-input',
      field,
      `"${key.slice(0, 100)}" names no clause: give clause:<group>/<clause id>, the group one of ${expertGroups.join(', ')}`,
    );
  }
  return talksFailure('invalid-input', field, `"${key.slice(0, 100)}" is not a note subject: ${accepted}`);
}

/** A new note. Whether the subject exists and the desk may read it is the caller's check (it needs the store). */
export interface CreateNoteInput {
  readonly id: string;
  readonly subject: NoteSubject;
  readonly text: string;
  readonly at: string;
}

/** A head or member writes a note for its delegation, a coordinator for the coordinator's office. */
export function createNote(actor: Actor, input: CreateNoteInput): TalksResult<Note> {
  const desk = deskOf(actor);
  if (desk === undefined) {
    return talksFailure(
      'forbidden',
      'actor.role',
      `a ${actor.role} keeps no notes: only a delegation's heads and members, and the coordinator`,
    );
  }
  const text = checkText(input.text);
  if (!text.ok) return text;
  return talksSuccess({
    id: input.id,
    desk,
    subject: input.subject,
    versions: [{ number: 1, text: input.text, at: input.at, by: actor.userId }],
    version: 1,
  });
}

/** A new text for a note, written on the version the writer last read. */
export interface EditNoteInput {
  readonly text: string;
  readonly expectedVersion: number;
  readonly at: string;
}

/** A member of the note's desk writes a new version of it; a deleted note can be written again (restored). */
export function editNote(note: Note, actor: Actor, input: EditNoteInput): TalksResult<Note> {
  const own = ownNoteAt(note, actor, input.expectedVersion);
  if (!own.ok) return own;
  const text = checkText(input.text);
  if (!text.ok) return text;
  return talksSuccess(
    withVersion(note, { number: note.version + 1, text: input.text, at: input.at, by: actor.userId }),
  );
}

/** Deleting a note: a version that marks it deleted, on the version the writer last read. */
export interface DeleteNoteInput {
  readonly expectedVersion: number;
  readonly at: string;
}

/** A member of the note's desk deletes it. Its earlier versions stay in its history, as the record has them. */
export function deleteNote(note: Note, actor: Actor, input: DeleteNoteInput): TalksResult<Note> {
  const own = ownNoteAt(note, actor, input.expectedVersion);
  if (!own.ok) return own;
  if (isNoteDeleted(note)) return talksFailure('invalid-input', 'id', `note "${note.id}" is already deleted`);
  return talksSuccess(
    withVersion(note, { number: note.version + 1, text: '', at: input.at, by: actor.userId, deleted: true }),
  );
}

function withVersion(note: Note, version: NoteVersion): Note {
  return { ...note, versions: [...note.versions, version], version: version.number };
}

function checkText(text: string): TalksResult<true> {
  if (text.trim() === '') return talksFailure('invalid-input', 'text', 'a note needs some text');
  if (text.length > noteTextMaxChars) {
    return talksFailure(
      'invalid-input',
      'text',
      `a note has at most ${noteTextMaxChars} characters, this one ${text.length}`,
    );
  }
  return talksSuccess(true);
}

/** The note, if the actor is of its desk (404 otherwise) and wrote on its current version (409 otherwise). */
function ownNoteAt(note: Note, actor: Actor, expected: number): TalksResult<Note> {
  if (!visibleNote(actor, note)) return talksFailure('not-found', 'id', 'no such note');
  const version = checkVersion(expected, note.version, `note "${note.id}"`);
  return version.ok ? talksSuccess(note) : version;
}
