import { talksNoteMaxLength } from '@lockstep/contract';
import { type Actor, noteTextMaxChars } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine, postgresEngine } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TalksService } from './talks-service.ts';

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const iranMember: Actor = { userId: 'u-iran-member', role: 'member', delegation: 'iran' };
const iranHead: Actor = { userId: 'u-iran-head', role: 'head', delegation: 'iran' };
const usHead: Actor = { userId: 'u-us-head', role: 'head', delegation: 'us' };
const euMember: Actor = { userId: 'u-eu-member', role: 'member', delegation: 'eu' };
const coordinator: Actor = { userId: 'u-coordinator', role: 'coordinator' };
const observer: Actor = { userId: 'u-observer', role: 'observer' };
const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };

/** Planted in Iran's notes: it must never leave Iran's desk, the audit log included. */
const secret = 'IRAN-NOTE-SECRET-7f3a9c';

describe.each(engines)("a desk's private notes, on $name", (engine) => {
  let db: Database;
  let talks: TalksService;
  let paperId = '';
  let relayToUsId = '';
  let clauseId = '';

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db, shippedMigrations());
    talks = new TalksService(db);
    const paper = await talks.papers.createDocument(iranMember, { title: 'Sequencing', text: 'Ideas' });
    paperId = paper.documentId;
    await talks.papers.sendVersion(iranMember, paperId, { number: 1, expectedVersion: 1 });
    const relayed = await talks.papers.relay(coordinator, paperId, {
      documentVersion: 1,
      note: '',
      to: ['us'],
      discloseAuthor: false,
    });
    relayToUsId = relayed.kind === 'sent' ? relayed.relays[0]!.id : '';
    const text = await talks.texts.addClause(coordinator, 'sequencing', {
      title: 'Verification',
      weight: 1,
      references: [],
      expectedVersion: 1,
    });
    clauseId = text.clauses[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (db) await engine.dispose(db);
  });

  it('is seen by its desk only: never another delegation, the coordinator, an observer or the admin', async () => {
    const subject = `clause:sequencing/${clauseId}`;
    const note = await talks.notes.create(iranMember, { subject, text: `${secret} hold firm` });
    expect(note).toMatchObject({
      desk: 'iran',
      subject,
      version: 1,
      deleted: false,
      text: `${secret} hold firm`,
    });
    // Its delegation's head reads it; every other caller gets 404 (403 for the admin), as for a missing note.
    expect((await talks.notes.read(iranHead, note.id)).text).toContain(secret);
    expect((await talks.notes.list(iranHead, { subject })).map((n) => n.id)).toEqual([note.id]);
    for (const actor of [usHead, euMember, coordinator, observer]) {
      await expect(talks.notes.read(actor, note.id), actor.userId).rejects.toMatchObject({
        status: 404,
        message: 'no such note',
      });
      await expect(talks.notes.read(actor, 'n_missing')).rejects.toMatchObject({ status: 404 });
      await expect(talks.notes.edit(actor, note.id, { text: 'x', expectedVersion: 1 })).rejects.toMatchObject(
        { status: 404 },
      );
      await expect(talks.notes.delete(actor, note.id, { expectedVersion: 1 })).rejects.toMatchObject({
        status: 404,
      });
    }
    for (const actor of [usHead, euMember, coordinator]) {
      expect(JSON.stringify(await talks.notes.list(actor, { subject }))).not.toContain(secret);
      expect(JSON.stringify(await talks.notes.list(actor))).not.toContain(secret);
    }
    for (const actor of [observer, admin]) {
      await expect(talks.notes.list(actor, { subject })).rejects.toMatchObject({ status: 403 });
      await expect(talks.notes.create(actor, { subject, text: 'x' })).rejects.toMatchObject({ status: 403 });
    }
    await expect(talks.notes.read(admin, note.id)).rejects.toMatchObject({ status: 403 });
    // The coordinator's office keeps its own, which Iran does not see either.
    const office = await talks.notes.create(coordinator, { subject, text: 'office only' });
    expect(office.desk).toBe('coordinator');
    await expect(talks.notes.read(iranHead, office.id)).rejects.toMatchObject({ status: 404 });
    expect((await talks.notes.list(coordinator, { subject })).map((n) => n.id)).toEqual([office.id]);
    // The policy check the server makes before the body: the same answers.
    await expect(
      talks.checkRequest({ actor: usHead } as never, 'note.read', 'note', note.id),
    ).rejects.toMatchObject({ status: 404, message: 'no such note' });
  });

  it("is in its desk's export of everything it may see, every version, and in no one else's", async () => {
    const subject = `document:${paperId}`;
    const note = await talks.notes.create(iranMember, { subject, text: `${secret} export me` });
    await talks.notes.edit(iranHead, note.id, { text: `${secret} exported`, expectedVersion: 1 });
    const mine = await talks.notes.create(coordinator, { subject, text: 'the coordinator’s own' });
    const caller = (actor: Actor) =>
      ({
        actor,
        user: {
          id: actor.userId,
          username: actor.userId,
          displayName: actor.userId,
          role: actor.role,
          ...(actor.delegation ? { delegation: actor.delegation } : {}),
          createdAt: new Date(0).toISOString(),
          status: 'active',
        },
        credentialId: 'c',
        via: 'session',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }) as Parameters<typeof talks.record.exportFor>[0];
    const iran = await talks.record.exportFor(caller(iranMember));
    const exported = iran.notes.find((n) => n.id === note.id);
    expect(exported).toMatchObject({ desk: 'iran', subject, version: 2, text: `${secret} exported` });
    expect(exported!.versions.map((v) => v.text)).toEqual([`${secret} export me`, `${secret} exported`]);
    expect(iran.notes.every((n) => n.desk === 'iran')).toBe(true);
    expect(iran.notes.some((n) => n.id === mine.id)).toBe(false);
    // The coordinator's export has its office's note, not Iran's; the US's and an observer's have none of these.
    const office = await talks.record.exportFor(caller(coordinator));
    expect(office.notes.map((n) => n.id)).toContain(mine.id);
    expect(JSON.stringify(office)).not.toContain(secret);
    for (const actor of [usHead, observer]) {
      const other = await talks.record.exportFor(caller(actor));
      expect(other.notes.every((n) => n.desk === actor.delegation)).toBe(true);
      expect(JSON.stringify(other)).not.toContain(secret);
    }
  });

  it('is on a subject the desk may read: 404 for a paper or relay it may not, or a missing clause', async () => {
    // Iran's paper: Iran (its author) and the coordinator (it was sent) may annotate it; the US may not.
    expect((await talks.notes.create(iranHead, { subject: `document:${paperId}`, text: 'ours' })).desk).toBe(
      'iran',
    );
    expect(
      (await talks.notes.create(coordinator, { subject: `document:${paperId}`, text: 'sent to us' })).desk,
    ).toBe('coordinator');
    await expect(
      talks.notes.create(usHead, { subject: `document:${paperId}`, text: 'x' }),
    ).rejects.toMatchObject({ status: 404, message: 'no such document' });
    await expect(talks.notes.list(usHead, { subject: `document:${paperId}` })).rejects.toMatchObject({
      status: 404,
    });
    // The relay reached the US, not Iran (the author) nor the EU.
    expect((await talks.notes.create(usHead, { subject: `relay:${relayToUsId}`, text: 'hmm' })).desk).toBe(
      'us',
    );
    for (const actor of [iranHead, euMember]) {
      await expect(
        talks.notes.create(actor, { subject: `relay:${relayToUsId}`, text: 'x' }),
      ).rejects.toMatchObject({ status: 404, message: 'no such relay' });
    }
    await expect(
      talks.notes.create(iranHead, { subject: 'clause:sequencing/sq-404', text: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(talks.notes.create(iranHead, { subject: 'paper:x', text: 'x' })).rejects.toMatchObject({
      status: 422,
      field: 'subject',
    });
    await expect(
      talks.notes.create(iranHead, { subject: `clause:sequencing/${clauseId}`, text: '  ' }),
    ).rejects.toMatchObject({ status: 422, field: 'text' });
    expect(noteTextMaxChars).toBe(talksNoteMaxLength);
  });

  it('keeps every version, refuses a stale write with 409, and deletes as a version', async () => {
    const subject = `clause:sequencing/${clauseId}`;
    const note = await talks.notes.create(iranMember, { subject, text: 'first' });
    const second = await talks.notes.edit(iranHead, note.id, { text: 'second', expectedVersion: 1 });
    expect(second).toMatchObject({ version: 2, text: 'second', updatedBy: iranHead.userId });
    await expect(
      talks.notes.edit(iranMember, note.id, { text: 'stale', expectedVersion: 1 }),
    ).rejects.toMatchObject({ status: 409, currentVersion: 2 });
    await expect(talks.notes.delete(iranMember, note.id, { expectedVersion: 1 })).rejects.toMatchObject({
      status: 409,
      currentVersion: 2,
    });
    const deleted = await talks.notes.delete(iranMember, note.id, { expectedVersion: 2 });
    expect(deleted).toMatchObject({ version: 3, deleted: true, text: 'second' });
    expect(deleted.versions.map((v) => [v.number, v.text, v.deleted ?? false])).toEqual([
      [1, 'first', false],
      [2, 'second', false],
      [3, '', true],
    ]);
    // A deleted note leaves the list, unless asked for; its history stays readable to its desk.
    expect((await talks.notes.list(iranHead, { subject })).map((n) => n.id)).not.toContain(note.id);
    expect((await talks.notes.list(iranHead, { subject, deleted: 'true' })).map((n) => n.id)).toContain(
      note.id,
    );
    expect((await talks.notes.read(iranHead, note.id)).versions).toHaveLength(3);
  });

  it('records each write as note.create, note.edit or note.delete on note:<id> with its version, never the text or the subject', async () => {
    const subject = `document:${paperId}`;
    const note = await talks.notes.create(iranMember, { subject, text: `${secret} in the log?` });
    await talks.notes.edit(iranMember, note.id, { text: `${secret} again`, expectedVersion: 1 });
    await talks.notes.delete(iranMember, note.id, { expectedVersion: 2 });
    await talks.notes.read(iranMember, note.id);
    const page = await talks.record.auditPage(admin, 0, 1000);
    const text = JSON.stringify(page);
    expect(text).not.toContain(secret);
    const mine = page.entries.filter((e: { target: string }) => e.target === `note:${note.id}`);
    expect(mine.map((e: { action: string; detail: unknown }) => [e.action, e.detail])).toEqual([
      ['note.create', { version: 1 }],
      ['note.edit', { version: 2 }],
      ['note.delete', { version: 3 }],
    ]);
    // What the note is on stays with the desk: no note entry names the paper.
    const noteEntries = page.entries.filter((e: { action: string }) => e.action.startsWith('note.'));
    expect(JSON.stringify(noteEntries)).not.toContain(paperId);
    expect(JSON.stringify(noteEntries)).not.toContain(clauseId);
  });
});
