import type { Actor } from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine } from '@lockstep/store/testing';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalksService } from './talks-service.ts';
import { textDocument } from './text-document.ts';
import { docxParagraphs } from './text-import.ts';

const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };
const iran: Actor = { userId: 'u-iran', role: 'head', delegation: 'iran' };
const us: Actor = { userId: 'u-us', role: 'member', delegation: 'us' };
const observer: Actor = { userId: 'u-observer', role: 'observer' };
const when = new Date('2021-05-07T09:00:00Z');

/** The .docx read back: its body's paragraphs, its footnotes' text and its header's. */
function readDocx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const text = (name: string) =>
    [...strFromU8(files[name] ?? new Uint8Array()).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join(' ');
  const header = Object.keys(files).find((n) => /^word\/header\d*\.xml$/.test(n))!;
  return {
    paragraphs: docxParagraphs(bytes, 'test').split('\n'),
    footnotes: text('word/footnotes.xml'),
    header: text(header),
    all: Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n'),
  };
}

/** The PDF's text, read back by pdf.js. */
async function readPdf(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

describe('the negotiating text as a document, as each reader may see it', () => {
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
    const g = 'sanctions-lifting';
    let text = await talks.texts.addClause(coordinator, g, {
      title: 'Scope of lifting',
      weight: 1,
      references: [],
      expectedVersion: 1,
    });
    for (const title of ['Oil exports', 'Frozen reserves']) {
      text = await talks.texts.addClause(coordinator, g, {
        title,
        weight: 1,
        references: [],
        expectedVersion: text.version,
      });
    }
    const version = (id: string) => text.clauses.find((c) => c.id === id)!.version;
    const propose = async (
      clauseId: string,
      body: string,
      proposer: 'iran' | 'us' | 'france' | 'eu' | 'coordinator',
      disclosedTo: ('iran' | 'us')[],
    ) => {
      text = await talks.texts.propose(coordinator, g, clauseId, {
        text: body,
        proposer,
        disclosedTo,
        expectedVersion: version(clauseId),
      });
    };
    await propose('sl-1', 'every sanction imposed since 2017', 'iran', []);
    await propose('sl-1', 'the sanctions inconsistent with the JCPOA', 'us', ['iran']);
    await propose('sl-1', 'a wording later withdrawn', 'france', ['iran', 'us']);
    text = await talks.texts.withdraw(coordinator, g, 'sl-1', 'sl-1-a3', {
      expectedVersion: version('sl-1'),
    });
    await propose('sl-1', 'a bridging wording', 'eu', []);
    await propose('sl-2', 'exports restored to 2016 levels', 'eu', []);
    text = await talks.texts.setStatus(coordinator, g, 'sl-2', {
      to: 'agreed-ad-referendum',
      expectedVersion: version('sl-2'),
    });
    await propose('sl-3', 'released in tranches', 'france', []);
    text = await talks.texts.setStatus(coordinator, g, 'sl-3', {
      to: 'agreed',
      expectedVersion: version('sl-3'),
    });
  }, 120_000);

  afterAll(async () => {
    if (db) await pgliteEngine.dispose(db);
  });

  it('gives the coordinator numbered clauses, brackets, statuses and every proposer in footnotes (.docx)', async () => {
    const file = await textDocument(talks, coordinator, 'sanctions-lifting', 'docx', when);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.fileName).toMatch(/^sanctions-lifting-text-v\d+\.docx$/);
    const doc = readDocx(file.body);
    expect(doc.header).toBe('Before the first round · 2021-05-07 · as seen by the coordinator');
    expect(doc.paragraphs).toContain(
      '1. Scope of lifting [every sanction imposed since 2017] [the sanctions inconsistent with the JCPOA] [a bridging wording]',
    );
    expect(doc.paragraphs).toContain('2. Oil exports exports restored to 2016 levels (Agreed ad referendum)');
    expect(doc.paragraphs).toContain('3. Frozen reserves released in tranches (Agreed)');
    expect(doc.footnotes).toContain('Proposed by Iran.');
    expect(doc.footnotes).toContain('Proposed by the United States.');
    expect(doc.footnotes).toContain('Proposed by the European Union.');
    expect(doc.all).not.toContain('later withdrawn');
  });

  it('gives a delegation only the proposers disclosed to it (.docx)', async () => {
    const forIran = readDocx((await textDocument(talks, iran, 'sanctions-lifting', 'docx', when)).body);
    expect(forIran.header).toContain('as seen by Iran');
    expect(forIran.paragraphs[2]).toMatch(/^1\. Scope of lifting \[every sanction/);
    expect(forIran.footnotes).toContain('Proposed by Iran.');
    expect(forIran.footnotes).toContain('Proposed by the United States.');
    expect(forIran.all).not.toMatch(/European Union|France|later withdrawn/);

    const forUs = readDocx((await textDocument(talks, us, 'sanctions-lifting', 'docx', when)).body);
    expect(forUs.header).toContain('as seen by the United States');
    expect(forUs.footnotes).toContain('Proposed by the United States.');
    expect(forUs.all).not.toMatch(/Proposed by Iran|European Union|France|later withdrawn/);

    const forObserver = readDocx(
      (await textDocument(talks, observer, 'sanctions-lifting', 'docx', when)).body,
    );
    expect(forObserver.all).not.toMatch(/Proposed by/);
    expect(forObserver.paragraphs).toContain(
      '1. Scope of lifting [every sanction imposed since 2017] [the sanctions inconsistent with the JCPOA] [a bridging wording]',
    );
  });

  it('writes the same in the PDF: the coordinator sees proposers, a delegation only its disclosed ones', async () => {
    const forCoordinator = await textDocument(talks, coordinator, 'sanctions-lifting', 'pdf', when);
    expect(forCoordinator.contentType).toBe('application/pdf');
    const all = await readPdf(forCoordinator.body);
    expect(all).toContain('Before the first round · 2021-05-07 · as seen by the coordinator');
    expect(all).toContain('1. Scope of lifting [every sanction imposed since 2017]');
    expect(all).toContain('[a bridging wording]');
    expect(all).toContain('2. Oil exports exports restored to 2016 levels (Agreed ad referendum)');
    expect(all).toContain('3. Frozen reserves released in tranches (Agreed)');
    expect(all).toMatch(/Proposed by Iran\./);
    expect(all).toMatch(/Proposed by the European Union\./);
    expect(all).not.toContain('later withdrawn');

    const forUs = await readPdf((await textDocument(talks, us, 'sanctions-lifting', 'pdf', when)).body);
    expect(forUs).toContain('as seen by the United States');
    expect(forUs).toContain('[every sanction imposed since 2017]');
    expect(forUs).toMatch(/Proposed by the United States\./);
    expect(forUs).not.toMatch(/Proposed by Iran|European Union|France|later withdrawn/);
  });

  it('writes a clause drafted in Persian in letters a reader can read, in the PDF as in the .docx', async () => {
    const g = 'nuclear-implementation';
    const persianTitle = 'سطح غنی‌سازی';
    const persianWording = 'ایران غنی‌سازی را به سه و شصت و هفت صدم درصد محدود می‌کند';
    let text = await talks.texts.addClause(coordinator, g, {
      title: persianTitle,
      weight: 1,
      references: [],
      expectedVersion: (await talks.texts.text(coordinator, g)).version,
    });
    const clause = text.clauses.at(-1)!;
    text = await talks.texts.propose(coordinator, g, clause.id, {
      text: persianWording,
      proposer: 'iran',
      disclosedTo: ['iran'],
      expectedVersion: clause.version,
    });
    // pdf.js reads right-to-left text back in reading order; a space may stand for a zero-width non-joiner.
    const readable = (s: string) => s.replaceAll('\u200c', ' ');
    const forIran = readable(await readPdf((await textDocument(talks, iran, g, 'pdf', when)).body));
    for (const word of ['سطح', 'غنی', 'محدود', 'درصد', 'ایران']) expect(forIran).toContain(word);
    expect(forIran).toContain('Proposed by Iran.');
    const forUs = readable(await readPdf((await textDocument(talks, us, g, 'pdf', when)).body));
    expect(forUs).toContain('محدود');
    expect(forUs).not.toContain('Proposed by Iran');
    const docx = readDocx((await textDocument(talks, iran, g, 'docx', when)).body);
    expect(docx.all).toContain(persianWording);
    // Word sets the Persian clause from the right (w:bidi), and the English title as before.
    const paragraphs = docx.all.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    expect(paragraphs.find((p) => p.includes(persianTitle))).toContain('<w:bidi/>');
    expect(paragraphs.find((p) => p.includes('negotiating text'))).not.toContain('<w:bidi');
  });

  it('names the round under way, then the last one closed, in the header', async () => {
    const header = async () =>
      readDocx((await textDocument(talks, iran, 'sanctions-lifting', 'docx', when)).body).header;
    const opened = await talks.rounds.openRound(coordinator, {
      expectedVersion: (await talks.rounds.rounds(coordinator)).version,
    });
    expect(await header()).toBe('Round 1 · 2021-05-07 · as seen by Iran');
    await talks.rounds.closeRound(coordinator, { expectedVersion: opened.version });
    expect(await header()).toBe('After round 1 · 2021-05-07 · as seen by Iran');
  });

  it('refuses an admin, who may not read the text, before writing anything', async () => {
    await expect(textDocument(talks, admin, 'sanctions-lifting', 'docx', when)).rejects.toMatchObject({
      status: 403,
    });
  });
});
