import type { NoteJson } from '@lockstep/contract';
import {
  type Actor,
  createNote,
  deleteNote,
  deskOf,
  editNote,
  isNoteDeleted,
  latestNoteVersion,
  type Note,
  type NoteSubject,
  noteResource,
  noteSubjectKey,
  type PolicyResource,
  parseNoteSubject,
  relayResource,
  visibleDocument,
} from '@lockstep/core';
import type { TalksRepository } from '@lockstep/store';
import { TalksError } from './talks-error.ts';
import { allow, newId, type TalksLedger, unwrap } from './talks-ledger.ts';

const noSuchNote = () => new TalksError(404, 'no such note');

/** A note as its desk reads it: the latest text (the last written, for a deleted one) and every version. */
export function noteJson(note: Note): NoteJson {
  const latest = latestNoteVersion(note);
  const lastText = [...note.versions].reverse().find((v) => !v.deleted)?.text ?? '';
  return {
    id: note.id,
    desk: note.desk,
    subject: noteSubjectKey(note.subject),
    version: note.version,
    deleted: isNoteDeleted(note),
    text: lastText,
    updatedAt: latest.at,
    updatedBy: latest.by,
    versions: note.versions.map((v) => ({ ...v })),
  };
}

/**
 * A desk's private notes (a delegation's, or the coordinator's office's) on papers, relays and clauses: only
 * its members read or write them. Each write is recorded in the audit log as `note.create`, `note.edit` or
 * `note.delete` on `note:<id>` with the note's version and nothing else: never its text, nor what it is on
 * (the admin reads the log, and which paper or clause a delegation annotates says what it is weighing).
 * Reads are not recorded: a note is its own desk's, as a draft is.
 */
export class TalksNotes {
  constructor(private readonly ledger: TalksLedger) {}

  /** The policy's view of note `id` for `actor` (what the server checks first), or undefined when there is none. */
  async notePolicyResource(actor: Actor, id: string): Promise<PolicyResource | undefined> {
    const note = await this.ledger.read((repo) => repo.note(id));
    return note ? noteResource(actor, note) : undefined;
  }

  /** The desk's notes, on one subject (which the caller must be able to read) or all; deleted ones if asked. */
  async list(
    actor: Actor,
    query: { subject?: string | undefined; deleted?: 'true' | 'false' | boolean | undefined } = {},
  ): Promise<NoteJson[]> {
    allow(actor, 'note.list');
    const desk = deskOf(actor)!;
    const subject = query.subject === undefined ? undefined : unwrap(parseNoteSubject(query.subject));
    return this.ledger.read(async (repo) => {
      if (subject) await this.checkSubject(repo, actor, subject);
      const notes = await repo.notes(desk, {
        ...(subject ? { subjectKey: noteSubjectKey(subject) } : {}),
        includeDeleted: query.deleted === true || query.deleted === 'true',
      });
      return notes.map(noteJson);
    });
  }

  /** One note of the caller's desk with every version; 404 for another desk's, as for a missing one. */
  async read(actor: Actor, id: string): Promise<NoteJson> {
    const note = await this.ledger.read((repo) => repo.note(id));
    if (!note) throw noSuchNote();
    allow(actor, 'note.read', noteResource(actor, note));
    return noteJson(note);
  }

  /** A new note of the caller's desk on a subject the caller may read (404 for one it may not). */
  async create(actor: Actor, input: { subject: string; text: string }): Promise<NoteJson> {
    allow(actor, 'note.write');
    const subject = unwrap(parseNoteSubject(input.subject));
    const id = newId('n');
    return this.ledger.write(actor, 'note.create', async (repo, at) => {
      await this.checkSubject(repo, actor, subject);
      const note = unwrap(createNote(actor, { id, subject, text: input.text, at }));
      await repo.addNote(note, noteSubjectKey(subject), at);
      return { value: noteJson(note), target: `note:${id}`, detail: { version: note.version } };
    });
  }

  /** A new version of a note, written on the version the writer last read (409 on a stale one). */
  async edit(actor: Actor, id: string, input: { text: string; expectedVersion: number }): Promise<NoteJson> {
    return this.ledger.write(actor, 'note.edit', async (repo, at) => {
      const note = await this.ownNote(repo, actor, id);
      const next = unwrap(editNote(note, actor, { ...input, at }));
      await repo.addNoteVersion(next);
      return { value: noteJson(next), target: `note:${id}`, detail: { version: next.version } };
    });
  }

  /** Deletes a note: a version that marks it deleted; its history stays, for its desk. */
  async delete(actor: Actor, id: string, input: { expectedVersion: number }): Promise<NoteJson> {
    return this.ledger.write(actor, 'note.delete', async (repo, at) => {
      const note = await this.ownNote(repo, actor, id);
      const next = unwrap(deleteNote(note, actor, { ...input, at }));
      await repo.addNoteVersion(next);
      return { value: noteJson(next), target: `note:${id}`, detail: { version: next.version } };
    });
  }

  private async ownNote(repo: TalksRepository, actor: Actor, id: string): Promise<Note> {
    if (actor.role === 'admin') allow(actor, 'note.write');
    const note = await repo.note(id);
    if (!note) throw noSuchNote();
    allow(actor, 'note.write', noteResource(actor, note));
    return note;
  }

  /**
   * Refuses, as if it did not exist (404), a subject the caller may not read: a paper not its delegation's
   * (or, for the coordinator, never sent to it), a relay that did not reach it, a clause not in the text.
   */
  private async checkSubject(repo: TalksRepository, actor: Actor, subject: NoteSubject): Promise<void> {
    switch (subject.kind) {
      case 'document': {
        const found = await repo.document(subject.documentId);
        const state = found && { documents: [found.document], relays: found.relays };
        if (!state || !visibleDocument(actor, state, subject.documentId)) {
          throw new TalksError(404, 'no such document', 'subject');
        }
        return;
      }
      case 'relay': {
        const relay = await repo.relay(subject.relayId);
        const resource = relay && relayResource(actor, [relay], subject.relayId);
        if (resource?.kind !== 'relay' || !resource.visible) {
          throw new TalksError(404, 'no such relay', 'subject');
        }
        return;
      }
      case 'clause': {
        const text = await repo.text(subject.group);
        if (!text?.clauses.some((c) => c.id === subject.clauseId)) {
          throw new TalksError(
            404,
            `the ${subject.group} text has no clause "${subject.clauseId}"`,
            'subject',
          );
        }
        return;
      }
    }
  }
}
