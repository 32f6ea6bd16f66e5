import type { Actor } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine } from '@lockstep/store/testing';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalksService } from './talks-service.ts';
import { textDocument } from './text-document.ts';
import { docxParagraphs, importText, parseBracketedText } from './text-import.ts';

const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };
const iran: Actor = { userId: 'u-iran', role: 'head', delegation: 'iran' };

const bracketed = [
  '1. Enrichment [3.67 per cent] [5 per cent for two years]',
  '',
  '2. Stockpile: [300 kg of UF6]',
  '3. Monitoring and the Additional Protocol',
].join('\n');

describe('reading a bracketed text', () => {
  it('reads numbered paragraphs into titles and bracketed alternatives', () => {
    expect(parseBracketedText(bracketed, 'text')).toEqual([
      { number: 1, title: 'Enrichment', alternatives: ['3.67 per cent', '5 per cent for two years'] },
      { number: 2, title: 'Stockpile', alternatives: ['300 kg of UF6'] },
      { number: 3, title: 'Monitoring and the Additional Protocol', alternatives: [] },
    ]);
  });

  it('names the paragraph that does not parse, by position and first words, and what is accepted', () => {
    expect(() => parseBracketedText('1. Fine [a]\nEnrichment cap [3.67]', 'text')).toThrow(
      /^text, paragraph 2 \("Enrichment cap \[3\.67\]"\): no clause number; each paragraph is a clause/,
    );
    expect(() => parseBracketedText('1. Fine [a]\n2. Stockpile [300 kg', 'text')).toThrow(
      /paragraph 2 \("2\. Stockpile \[300 kg"\): unbalanced bracket \("\[" never closed\)/,
    );
    expect(() => parseBracketedText('1. Stockpile 300 kg]', 'text')).toThrow(
      /paragraph 1 .*unbalanced bracket \("\]" with no "\["\)/,
    );
    expect(() => parseBracketedText('1. A [x]\n\n1. B [y]', 'docx')).toThrow(
      /^docx, paragraph 3 \("1\. B \[y\]"\): duplicate number 1 \(paragraph 1 has it too\)/,
    );
    expect(() => parseBracketedText('1. A [x [y]]', 'text')).toThrow(/a bracket opens inside another/);
    expect(() => parseBracketedText('\n  \n', 'text')).toThrow(/^text: no numbered paragraph/);
  });

  it("reads a .docx's paragraphs, runs joined, entities decoded", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [new TextRun({ text: '1. Oil ', bold: true }), new TextRun('[exports & sales]')],
            }),
            new Paragraph('2. Reserves [released]'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    expect(parseBracketedText(docxParagraphs(bytes, 'docx'), 'docx')).toEqual([
      { number: 1, title: 'Oil', alternatives: ['exports & sales'] },
      { number: 2, title: 'Reserves', alternatives: ['released'] },
    ]);
    expect(() => docxParagraphs(new TextEncoder().encode('1. not a zip'), 'docx')).toThrow(
      /^docx: not a \.docx/,
    );
  });
});

describe('importing a bracketed text into an empty text', () => {
  let db: Database;
  let talks: TalksService;
  let coordinator: Actor;

  beforeAll(async () => {
    db = await pgliteEngine.open();
    await migrate(db, shippedMigrations());
    talks = new TalksService(db);
    const user = await talks.accounts.createUser(
      admin,
      {
        username: 'coordinator',
        displayName: 'Coordinator',
        role: 'coordinator',
        password: 'a-long-enough-password',
      },
      { local: true },
    );
    coordinator = { userId: user.id, role: 'coordinator' };
  }, 120_000);

  afterAll(async () => {
    if (db) await pgliteEngine.dispose(db);
  });

  it('previews without writing, then applies in one audited write, then refuses a second import', async () => {
    const group = 'nuclear-implementation';
    const before = await talks.record.auditPage(admin, 0, 1000);
    const preview = await importText(talks, coordinator, group, { text: bracketed, apply: false });
    expect(preview).toEqual({
      group,
      applied: false,
      clauses: [
        {
          number: 1,
          id: 'ni-1',
          title: 'Enrichment',
          alternatives: ['3.67 per cent', '5 per cent for two years'],
        },
        { number: 2, id: 'ni-2', title: 'Stockpile', alternatives: ['300 kg of UF6'] },
        { number: 3, id: 'ni-3', title: 'Monitoring and the Additional Protocol', alternatives: [] },
      ],
    });
    expect((await talks.texts.text(coordinator, group)).clauses).toEqual([]);
    expect((await talks.record.auditPage(admin, 0, 1000)).head).toEqual(before.head);

    const applied = await importText(talks, coordinator, group, { text: bracketed, apply: true });
    expect(applied.applied).toBe(true);
    expect(applied.clauses).toEqual(preview.clauses);
    const stored = await talks.texts.text(coordinator, group);
    expect(
      stored.clauses.map((c) => [c.id, c.title, c.status, c.alternatives.map((a) => [a.text, a.proposer])]),
    ).toEqual([
      [
        'ni-1',
        'Enrichment',
        'open',
        [
          ['3.67 per cent', 'coordinator'],
          ['5 per cent for two years', 'coordinator'],
        ],
      ],
      ['ni-2', 'Stockpile', 'open', [['300 kg of UF6', 'coordinator']]],
      ['ni-3', 'Monitoring and the Additional Protocol', 'open', []],
    ]);
    const after = await talks.record.auditPage(admin, before.head.seq, 1000);
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]).toMatchObject({
      action: 'text.add-clause',
      target: `text:${group}`,
      detail: { imported: 3, alternatives: 3 },
    });

    // The text is no longer empty: a second import (preview or apply) is refused and changes nothing.
    for (const apply of [false, true]) {
      await expect(importText(talks, coordinator, group, { text: bracketed, apply })).rejects.toMatchObject({
        status: 409,
        message: expect.stringMatching(/already has 3 clause\(s\): an import starts an empty text/),
      });
    }
    expect((await talks.texts.text(coordinator, group)).version).toBe(stored.version);

    // What was imported exports as it was written.
    const exported = await textDocument(talks, coordinator, group, 'docx');
    expect(
      parseBracketedText(docxParagraphs(exported.body, 'docx').split('\n').slice(2).join('\n'), 'docx'),
    ).toEqual(parseBracketedText(bracketed, 'text'));
  });

  it('imports a .docx given as base64', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph('1. Sequencing [Iran first] [the US first]')] }],
    });
    const docx = Buffer.from(await Packer.toBuffer(doc)).toString('base64');
    const result = await importText(talks, coordinator, 'sequencing', { docx, apply: true });
    expect(result.text?.clauses[0]?.alternatives.map((a) => a.text)).toEqual(['Iran first', 'the US first']);
  });

  it('refuses a delegation (403), both or neither input (400), and bad paragraphs (400) before any write', async () => {
    await expect(
      importText(talks, iran, 'sanctions-lifting', { text: bracketed, apply: true }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(importText(talks, coordinator, 'sanctions-lifting', { apply: true })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/give either text .* or docx/),
    });
    await expect(
      importText(talks, coordinator, 'sanctions-lifting', { text: '1. A [x\n2. B', apply: true }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'text',
      message: expect.stringMatching(/paragraph 1 .*unbalanced/),
    });
    expect((await talks.texts.text(coordinator, 'sanctions-lifting')).clauses).toEqual([]);
  });
});
