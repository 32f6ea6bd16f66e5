import { describe, expect, it } from 'vitest';
import {
  createNote,
  deleteNote,
  deskOf,
  editNote,
  isNoteDeleted,
  latestNoteVersion,
  type Note,
  noteSubjectKey,
  noteTextMaxChars,
  parseNoteSubject,
  visibleNote,
} from './notes.ts';
import { admin, coordinator, everyActor, headOf, memberOf, observer, unwrap } from './testing/actors.ts';
import { VersionConflict } from './versioned.ts';

const at = '2021-04-06T10:00:00.000Z';
const clause = { kind: 'clause', group: 'sequencing', clauseId: 'sq-1' } as const;

function iranNote(text = 'Push for verification first'): Note {
  return unwrap(createNote(memberOf('iran'), { id: 'n-1', subject: clause, text, at }));
}

describe('private notes', () => {
  it("belong to the writer's desk: its delegation, or the coordinator's office; observers and admins keep none", () => {
    expect(iranNote()).toEqual({
      id: 'n-1',
      desk: 'iran',
      subject: clause,
      versions: [{ number: 1, text: 'Push for verification first', at, by: 'iran-member' }],
      version: 1,
    });
    expect(deskOf(headOf('us'))).toBe('us');
    expect(deskOf(coordinator)).toBe('coordinator');
    expect(unwrap(createNote(coordinator, { id: 'n-2', subject: clause, text: 'x', at })).desk).toBe(
      'coordinator',
    );
    for (const actor of [observer, admin]) {
      expect(deskOf(actor)).toBeUndefined();
      const refused = createNote(actor, { id: 'n-3', subject: clause, text: 'x', at });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    }
  });

  it("are seen by their desk's heads and members only: not the coordinator, another delegation, an observer or the admin", () => {
    const note = iranNote();
    const office = unwrap(createNote(coordinator, { id: 'n-2', subject: clause, text: 'x', at }));
    for (const actor of everyActor) {
      expect(visibleNote(actor, note) !== undefined, actor.userId).toBe(actor.delegation === 'iran');
      expect(visibleNote(actor, office) !== undefined, actor.userId).toBe(actor.role === 'coordinator');
    }
    // An EU delegate is not the coordinator's office.
    expect(visibleNote(headOf('eu'), office)).toBeUndefined();
  });

  it('keeps every version: an edit is a new version, a deletion a version that marks it deleted', () => {
    let note = iranNote('first');
    note = unwrap(
      editNote(note, headOf('iran'), { text: 'second', expectedVersion: 1, at: '2021-04-06T11:00:00.000Z' }),
    );
    expect(note.version).toBe(2);
    expect(latestNoteVersion(note)).toEqual({
      number: 2,
      text: 'second',
      at: '2021-04-06T11:00:00.000Z',
      by: 'iran-head',
    });
    note = unwrap(deleteNote(note, memberOf('iran'), { expectedVersion: 2, at: '2021-04-06T12:00:00.000Z' }));
    expect(isNoteDeleted(note)).toBe(true);
    expect(note.versions.map((v) => [v.number, v.text, v.deleted ?? false])).toEqual([
      [1, 'first', false],
      [2, 'second', false],
      [3, '', true],
    ]);
    const again = deleteNote(note, memberOf('iran'), { expectedVersion: 3, at });
    expect(again.ok).toBe(false);
    // Written again, it is restored, its history kept.
    note = unwrap(editNote(note, memberOf('iran'), { text: 'third', expectedVersion: 3, at }));
    expect(isNoteDeleted(note)).toBe(false);
    expect(note.versions).toHaveLength(4);
  });

  it('answers a stale write with a version conflict carrying the current version', () => {
    const note = unwrap(editNote(iranNote(), memberOf('iran'), { text: 'b', expectedVersion: 1, at }));
    for (const result of [
      editNote(note, headOf('iran'), { text: 'c', expectedVersion: 1, at }),
      deleteNote(note, headOf('iran'), { expectedVersion: 1, at }),
    ]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error).toBeInstanceOf(VersionConflict);
      expect((result.error as VersionConflict).current).toBe(2);
    }
  });

  it("refuses another desk's writes as if the note did not exist", () => {
    const note = iranNote();
    for (const actor of [headOf('us'), coordinator, observer, admin]) {
      for (const result of [
        editNote(note, actor, { text: 'x', expectedVersion: 1, at }),
        deleteNote(note, actor, { expectedVersion: 1, at }),
      ]) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('not-found');
      }
    }
  });

  it('limits the text like the covering note of a relay, and wants some', () => {
    for (const text of ['', '   ', 'x'.repeat(noteTextMaxChars + 1)]) {
      const result = createNote(memberOf('iran'), { id: 'n-1', subject: clause, text, at });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.field).toBe('text');
    }
    expect(
      createNote(memberOf('iran'), { id: 'n-1', subject: clause, text: 'x'.repeat(noteTextMaxChars), at }).ok,
    ).toBe(true);
  });

  it('names its subject as one string and reads it back', () => {
    const subjects = [
      { kind: 'document', documentId: 'd_abc' },
      { kind: 'relay', relayId: 'r_1-x' },
      clause,
    ] as const;
    for (const subject of subjects)
      expect(unwrap(parseNoteSubject(noteSubjectKey(subject)))).toEqual(subject);
    expect(noteSubjectKey(clause)).toBe('clause:sequencing/sq-1');
    for (const bad of ['', 'document:', 'paper:d_1', 'clause:sequencing', 'clause:nope/sq-1', 'relay:a b']) {
      const parsed = parseNoteSubject(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error.field).toBe('subject');
    }
  });
});
