import { RoundReportJson } from '@lockstep/contract';
import {
  type Actor,
  addClause,
  type ClauseStatus,
  closeRound,
  emptyRounds,
  emptyText,
  expertGroups,
  type NegotiatingText,
  openRound,
  proposeAlternative,
  type RoundsState,
  roundReport,
  setClauseStatus,
} from '@lockstep/core';
import { type Database, migrate, shippedMigrations } from '@lockstep/store';
import { pgliteEngine } from '@lockstep/store/testing';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundReportFile } from './round-report-document.ts';
import { roundReportHtml } from './round-report-html.ts';
import { reportItemLines, roundReportLayout, shareLines } from './round-report-layout.ts';
import { roundReportPdf } from './round-report-pdf.ts';
import { TalksService } from './talks-service.ts';

const admin: Actor = { userId: 'cli:local-admin', role: 'admin' };
const iran: Actor = { userId: 'u-iran', role: 'head', delegation: 'iran' };
const us: Actor = { userId: 'u-us', role: 'member', delegation: 'us' };
const observer: Actor = { userId: 'u-observer', role: 'observer' };
const when = new Date('2021-05-07T09:00:00Z');

/** The PDF read back by pdf.js: its pages' text, its lowest baseline (points) and how many baselines it has. */
async function readPdf(
  bytes: Uint8Array,
): Promise<{ pages: number; text: string; lowest: number; baselines: number }> {
  const pdf = await getDocument({ data: bytes.slice(), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  const baselines = new Set<number>();
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '') {
        lowest = Math.min(lowest, item.transform[5] as number);
        baselines.add(Math.round(item.transform[5] as number));
      }
    }
  }
  return { pages: pdf.numPages, text: pages.join('\n'), lowest, baselines: baselines.size };
}

/** The HTML's text: tags dropped, entities read back. */
function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const decode = (body: Uint8Array) => new TextDecoder().decode(body);

describe('the round report, as each reader may see it', () => {
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
        displayName: 'Enrique Mora',
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
    text = await talks.texts.addClause(coordinator, g, {
      title: 'Oil exports',
      weight: 1,
      references: [],
      expectedVersion: text.version,
    });
    const version = (id: string) => text.clauses.find((c) => c.id === id)!.version;
    const propose = async (
      clauseId: string,
      body: string,
      proposer: 'iran' | 'us' | 'france' | 'uk',
      disclosedTo: ('iran' | 'us')[],
    ) => {
      text = await talks.texts.propose(coordinator, g, clauseId, {
        text: body,
        proposer,
        disclosedTo,
        expectedVersion: version(clauseId),
      });
    };
    const rounds = async () => (await talks.rounds.rounds(coordinator)).version;
    await talks.rounds.openRound(coordinator, { expectedVersion: await rounds() });
    await propose('sl-1', 'every sanction imposed since 2017', 'iran', []);
    await propose('sl-2', 'exports restored to 2016 levels', 'us', ['iran']);
    await talks.rounds.closeRound(coordinator, { expectedVersion: await rounds() });
    // Round 2: France's wording told to no one, the UK's told to the US only, sl-2 agreed, a new clause.
    await talks.rounds.openRound(coordinator, { expectedVersion: await rounds() });
    await propose('sl-1', 'the sanctions inconsistent with the deal', 'france', []);
    await propose('sl-1', 'a bridging wording for the scope', 'uk', ['us']);
    text = await talks.texts.setStatus(coordinator, g, 'sl-2', {
      to: 'agreed',
      expectedVersion: version('sl-2'),
    });
    text = await talks.texts.addClause(coordinator, g, {
      title: 'Reserves <b>&</b> "escrow"',
      weight: 1,
      references: [],
      expectedVersion: text.version,
    });
    await talks.rounds.closeRound(coordinator, { expectedVersion: await rounds() });
    await talks.rounds.openRound(coordinator, { expectedVersion: await rounds() });
  }, 120_000);

  afterAll(async () => {
    if (db) await pgliteEngine.dispose(db);
  });

  const report = async (actor: Actor, format: 'json' | 'html' | 'pdf', number = 2) =>
    roundReportFile(talks, actor, number, format, when);

  it('gives the coordinator the header, the shares and their change, every change and every bracket, by name', async () => {
    const file = await report(coordinator, 'html');
    expect(file).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      fileName: 'round-2-report.html',
      inline: true,
    });
    const html = decode(file.body);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/);
    const text = htmlText(html);
    expect(text).toContain('Round 2 report');
    expect(text).toMatch(/As seen by the coordinator · generated 7 May 2021, 09:00 UTC/);
    expect(text).toMatch(/by Enrique Mora · closed .* by Enrique Mora/);
    expect(text).toContain('Agreed at the close of round 2, and the change since round 1');
    expect(text).toMatch(/Sanctions lifting\n+3\n+1 \(33 %\)\n+0\n+\+33 pts/);
    expect(text).toContain('4 changes: 1 clause added, 2 alternatives added, 1 status change.');
    expect(text).toContain(
      'Sanctions lifting sl-1: [the sanctions inconsistent with the deal] (France) added',
    );
    expect(text).toContain(
      'Sanctions lifting sl-1: [a bridging wording for the scope] (United Kingdom) added',
    );
    expect(text).toContain('Sanctions lifting sl-2: from open to agreed');
    expect(text).toContain('Open brackets: Sanctions lifting');
    expect(text).toContain('2 clauses open, 3 standing alternatives.');
    expect(text).toContain(
      'sl-1 Scope of lifting: [every sanction imposed since 2017] (Iran) [the sanctions inconsistent with the deal] (France) [a bridging wording for the scope] (United Kingdom)',
    );
    // What the coordinator wrote is text, never markup.
    expect(html).toContain('Reserves &lt;b&gt;&amp;&lt;/b&gt; &quot;escrow&quot;');
    expect(html).not.toContain('<b>&</b>');
  });

  it('never names, in HTML, PDF or JSON, a proposer not disclosed to the reader', async () => {
    const forIran = htmlText(decode((await report(iran, 'html')).body));
    expect(forIran).toContain('As seen by Iran');
    expect(forIran).toContain('[every sanction imposed since 2017] (Iran)');
    expect(forIran).toContain('[the sanctions inconsistent with the deal] added');
    expect(forIran).not.toMatch(/France|United Kingdom|Enrique Mora|United States/);
    expect(forIran).toContain('by the coordinator');

    const forUs = htmlText(decode((await report(us, 'html')).body));
    expect(forUs).toContain('As seen by the United States');
    expect(forUs).toContain('[a bridging wording for the scope] (United Kingdom) added');
    expect(forUs).not.toMatch(/Iran|France|Enrique Mora/);

    const forObserver = htmlText(decode((await report(observer, 'html')).body));
    expect(forObserver).toContain('As seen by an observer');
    expect(forObserver).not.toMatch(/Iran|France|United Kingdom|United States|Enrique Mora/);

    for (const [actor, hidden, hiddenJson] of [
      [iran, /France|United Kingdom|United States|Enrique Mora/, /"(france|uk|us)"/],
      [us, /Iran|France|Enrique Mora/, /"(france|iran)"/],
      [observer, /Iran|France|United Kingdom|United States|Enrique Mora/, /"proposer"/],
    ] as const) {
      const pdf = await readPdf((await report(actor, 'pdf')).body);
      expect(pdf.pages).toBe(1);
      expect(pdf.text).toContain('Round 2 report');
      expect(pdf.text).toContain('[the sanctions inconsistent with the deal]');
      expect(pdf.text).not.toMatch(hidden);
      const json = decode((await report(actor, 'json')).body);
      expect(json).not.toMatch(hiddenJson);
      expect(RoundReportJson.parse(JSON.parse(json)).round).toBe(2);
    }
    const forCoordinator = await readPdf((await report(coordinator, 'pdf')).body);
    expect(forCoordinator.text).toMatch(/\(France\)/);
    expect(forCoordinator.text).toMatch(/\(United Kingdom\)/);
    expect(forCoordinator.text).toContain('As seen by the coordinator');
  });

  it('gives the report as JSON in the contract', async () => {
    const file = await report(iran, 'json');
    expect(file).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      fileName: 'round-2-report.json',
    });
    const json = RoundReportJson.parse(JSON.parse(decode(file.body)));
    expect(json).toMatchObject({
      round: 2,
      previousRound: { number: 1 },
      reader: { role: 'head', delegation: 'iran' },
      generatedAt: when.toISOString(),
      shares: { overall: { total: 3, agreed: 1, previous: { total: 2, agreed: 0 } } },
    });
    expect(json.changes.map((c) => c.kind)).toEqual([
      'alternative-added',
      'alternative-added',
      'status-changed',
      'clause-added',
    ]);
  });

  it('refuses a round still open (409) or unknown (404), naming the closed rounds, and the admin (403)', async () => {
    await expect(report(iran, 'html', 3)).rejects.toMatchObject({
      status: 409,
      message:
        'number: round 3 is still open: its report is drawn when it closes; the closed rounds are 1, 2',
    });
    await expect(report(observer, 'pdf', 9)).rejects.toMatchObject({
      status: 404,
      message: 'number: there is no round 9; the closed rounds are 1, 2',
    });
    await expect(report(admin, 'html')).rejects.toMatchObject({ status: 403 });
  });
});

describe('one page, whatever the size of the talks', () => {
  it('gives a long item up to 3 lines while every list fits, and shares the lines out evenly', () => {
    expect(shareLines([[1, 1, 1], [3], [2, 2]], 30)).toEqual([3, 1, 2]);
    // Cut lists take items in turn, each keeping a line for its "and N more".
    expect(shareLines([Array(20).fill(1), Array(20).fill(1)], 10)).toEqual([4, 4]);
    expect(shareLines([Array(20).fill(1), [1]], 10)).toEqual([8, 1]);
  });

  /** 3 texts of 150 clauses, each with long alternatives from several delegations, half agreed by round 2. */
  function largeTalks(): RoundsState {
    const at = (day: number) => `2021-04-${String(day).padStart(2, '0')}T12:00:00Z`;
    const coordinator: Actor = { userId: 'mora', role: 'coordinator' };
    const ok = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
      if (!r.ok) throw r.error;
      return r.value;
    };
    const grow = (texts: NegotiatingText[], from: number, to: number, agreeEvery: number, day: number) =>
      texts.map((start) => {
        let text = start;
        for (let i = from; i < to; i++) {
          const id = `${start.group}-${i}`;
          text = ok(
            addClause(text, coordinator, {
              id,
              title: `Clause ${i} on ${start.group} with a title long enough to wrap across the whole page width`,
              expectedVersion: text.version,
              at: at(day),
            }),
          );
          for (const [k, proposer] of (['iran', 'us', 'france'] as const).entries()) {
            const clause = text.clauses.find((c) => c.id === id)!;
            text = ok(
              proposeAlternative(text, coordinator, {
                clauseId: id,
                id: `a${k}`,
                text: `alternative ${k} for clause ${i}, `.repeat(8),
                proposer,
                disclosedTo: [],
                expectedVersion: clause.version,
                at: at(day),
              }),
            );
          }
          if (i % agreeEvery === 0) {
            const clause = text.clauses.find((c) => c.id === id)!;
            const to: ClauseStatus = i % (2 * agreeEvery) === 0 ? 'agreed' : 'agreed-ad-referendum';
            text = ok(
              setClauseStatus(text, coordinator, {
                clauseId: id,
                to,
                alternativeId: 'a1',
                expectedVersion: clause.version,
                at: at(day),
              }),
            );
          }
        }
        return text;
      });
    let texts = expertGroups.map((g) => emptyText(g));
    let state = ok(openRound(emptyRounds, coordinator, { expectedVersion: 1, at: at(1) }));
    texts = grow(texts, 0, 75, 3, 2);
    state = ok(closeRound(state, coordinator, { expectedVersion: state.version, at: at(3), texts }));
    state = ok(openRound(state, coordinator, { expectedVersion: state.version, at: at(4) }));
    texts = grow(texts, 75, 150, 2, 5);
    return ok(closeRound(state, coordinator, { expectedVersion: state.version, at: at(6), texts }));
  }

  it('cuts every list with "and N more" and draws the PDF on one A4 page, nothing below the margin', async () => {
    const report = roundReport(
      { userId: 'mora', role: 'coordinator' },
      largeTalks(),
      2,
      '2021-04-07T00:00:00Z',
    );
    if (!report.ok) throw report.error;
    expect(report.value.changes.length).toBe(225);
    const layout = roundReportLayout(report.value, {
      reader: 'the coordinator',
      openedBy: 'the coordinator',
      closedBy: 'the coordinator',
    });
    const lines = [layout.changes, ...layout.brackets].reduce(
      (sum, l) => sum + l.items.reduce((n, item) => n + item.lines, 0) + (l.more > 0 ? 1 : 0),
      0,
    );
    expect(lines).toBe(reportItemLines);
    expect(layout.changes.more).toBeGreaterThan(200);
    expect(layout.brackets.every((b) => b.more > 0)).toBe(true);
    // Cut lists show as many items as they can, a line each.
    expect([layout.changes, ...layout.brackets].flatMap((l) => l.items.map((i) => i.lines))).toEqual(
      Array(reportItemLines - 4).fill(1),
    );

    const pdf = await readPdf(await roundReportPdf(layout));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toMatch(/and \d+ more/);
    expect(pdf.text).toContain('225 changes');
    expect(pdf.text).toContain('proposer is named only where it was disclosed');
    expect(pdf.lowest).toBeGreaterThanOrEqual(40);
    // Every line on a baseline of its own: the header, the table's 5 rows, 4 headings and summaries, 30 items.
    expect(pdf.baselines).toBeGreaterThanOrEqual(3 + 5 + 8 + reportItemLines + 1);

    const html = roundReportHtml(layout);
    expect(html.match(/<li[ >]/g)?.length).toBe(reportItemLines);
    expect(html).toMatch(/and \d+ more/);
  });

  /**
   * A full page: 4 groups in the table (the first named `firstGroup`), 4 changes and 2 brackets in each of 3
   * groups, every item given its 3 lines and worded `item(i)`.
   */
  const fullPage = (item: (i: number) => string, firstGroup = 'A') => {
    const list = (heading: string, count: number) => ({
      heading,
      summary: `${count} items.`,
      items: Array.from({ length: count }, (_, i) => ({ text: item(i), lines: 3 })),
      more: 0,
    });
    return roundReportPdf({
      title: 'Round 9 report',
      dates: 'Opened … · closed …',
      reader: 'As seen by Iran · generated …',
      sharesHeading: 'Agreed at the close of round 9',
      shares: [firstGroup, 'B', 'C', 'All groups'].map((group) => ({
        group,
        clauses: '150',
        agreed: '75 (50 %)',
        adReferendum: '20',
        change: '+10 pts',
      })),
      changes: list('What changed', 4),
      brackets: [list('Open brackets: A', 2), list('Open brackets: B', 2), list('Open brackets: C', 2)],
      footer: 'The footer.',
    });
  };

  it('keeps to one page when every item takes its 3 lines, cutting the wording with an ellipsis', async () => {
    const pdf = await readPdf(
      await fullPage((n) => `${n}: ${'a long bracketed wording that runs on and on, '.repeat(12)}`),
    );
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('The footer.');
    expect(pdf.text).toContain('…');
    expect(pdf.lowest).toBeGreaterThanOrEqual(40);
  });

  it('shows Persian wording and group names, cut the same way and still on one page', async () => {
    const wording =
      'ایالات متحده تحریم‌های بانک مرکزی ایران را در مرحله نخست لغو می‌کند و آژانس راستی‌آزمایی می‌کند';
    const pdf = await readPdf(await fullPage((i) => `${i + 1}. ${wording.repeat(6)}`, 'گروه تحریم‌ها'));
    expect(pdf.pages).toBe(1);
    const text = pdf.text.replaceAll('\u200c', ' ');
    for (const word of ['گروه', 'تحریم', 'بانک مرکزی', 'مرحله نخست']) expect(text).toContain(word);
    // Every one of the 10 items is cut, beside the three ellipses of the header lines.
    expect(text.split('…').length - 1).toBe(3 + 10);
    expect(pdf.lowest).toBeGreaterThanOrEqual(40);
  });

  it('sets each row of the shares table on one baseline, a Persian group name included', async () => {
    const bytes = await fullPage((i) => `${i}: a wording`, 'گروه تحریم‌ها');
    const document = await getDocument({ data: bytes.slice(), disableFontFace: true, verbosity: 0 }).promise;
    const content = await (await document.getPage(1)).getTextContent();
    const baselineOf = (match: (s: string) => boolean) =>
      content.items.flatMap((item) =>
        'str' in item && match(item.str) ? [item.transform[5] as number] : [],
      );
    const header = ['Group', 'Clauses', 'Agreed', 'Ad referendum', 'Change'].map(
      (h) => baselineOf((s) => s === h)[0],
    );
    expect(new Set(header).size).toBe(1);
    const persianRow = baselineOf((s) => s.startsWith('گروه'))[0]!;
    const firstRowCells = ['150', '75 (50 %)', '20', '+10 pts'].map(
      (cell) => baselineOf((s) => s === cell)[0],
    );
    for (const cell of firstRowCells) expect(cell).toBeCloseTo(persianRow, 1);
    expect(persianRow).toBeLessThan(header[0]!);
  });
});
