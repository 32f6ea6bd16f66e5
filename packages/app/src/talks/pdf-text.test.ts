import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { needsUnicodeFont, type StyledText, type TextBox, writeText } from './pdf-text.ts';

interface Drawn {
  readonly str: string;
  readonly rightToLeft: boolean;
  readonly x: number;
  readonly width: number;
  /** Distance from the top of the page, so that a later line has a larger y. */
  readonly y: number;
}

/** A one-page PDF holding `segments` set by `writeText` in `box`, made by pdfkit and read back by pdf.js. */
async function drawn(
  segments: readonly StyledText[],
  box: TextBox,
): Promise<{ items: Drawn[]; bytes: Uint8Array }> {
  const pdf = new PDFDocument({ size: 'A4', margin: 40 });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
  writeText(pdf, segments, box);
  const height = pdf.page.height;
  pdf.end();
  const bytes = await done;
  const document = await getDocument({ data: bytes.slice(), disableFontFace: true, verbosity: 0 }).promise;
  const content = await (await document.getPage(1)).getTextContent();
  const items = content.items.flatMap((item) =>
    'str' in item && item.str.trim() !== ''
      ? [
          {
            str: item.str,
            rightToLeft: item.dir === 'rtl',
            x: item.transform[4] as number,
            width: item.width,
            y: height - (item.transform[5] as number),
          },
        ]
      : [],
  );
  return { items, bytes };
}

/** The letters and digits of a text, in compatibility form (contextual forms back to letters), sorted. */
const letters = (text: string) => [...text.normalize('NFKC')].filter((c) => /[\p{L}\p{N}]/u.test(c)).sort();

const box: TextBox = { x: 50, y: 60, width: 300 };
const regular = (text: string, size = 10): StyledText => ({ text, style: 'regular', size });

describe('text Helvetica cannot show, set in the PDFs', () => {
  it('tells the text Helvetica (WinAnsi) shows from the text it cannot', () => {
    for (const shown of ['Iran limits enrichment to 3.67 %.', 'Café – “quoted” … €5', 'Tab\there'])
      expect(needsUnicodeFont(shown)).toBe(false);
    for (const hidden of ['پیشنهاد ایران', 'Round 3 · ۱۴۰۰', 'Москва', 'a ≤ b'])
      expect(needsUnicodeFont(hidden)).toBe(true);
  });

  it('sets a Persian paragraph right to left in the shipped DejaVu Sans, the number that starts it on the right', async () => {
    const { items, bytes } = await drawn([regular('1 پیشنهاد ایران')], box);
    expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    const words = items.find((i) => i.str === 'پیشنهاد ایران');
    const number = items.find((i) => i.str === '1');
    expect(words?.rightToLeft).toBe(true);
    expect(number!.x).toBeGreaterThan(words!.x + words!.width - 0.5);
    // A right-to-left paragraph keeps to the right edge.
    expect(number!.x + number!.width).toBeCloseTo(box.x + box.width, 0);
  });

  it('keeps Latin words and numbers left to right inside a Persian sentence, and a Persian phrase inside English', async () => {
    const persian = await drawn([regular('آژانس بین‌المللی IAEA در ۳۰ روز راستی‌آزمایی می‌کند')], box);
    const iaea = persian.items.find((i) => i.str.includes('IAEA'));
    expect(iaea?.rightToLeft).toBe(false);
    const before = persian.items.find((i) => i.str.includes('آژانس'))!;
    const after = persian.items.find((i) => i.str.includes('روز'))!;
    // Read right to left: what comes before "IAEA" is on its right, what comes after on its left.
    expect(before.x).toBeGreaterThan(iaea!.x);
    expect(after.x).toBeLessThan(iaea!.x);

    const english = await drawn([regular('Clause 2 [تحریم‌های بانک مرکزی] (agreed)')], box);
    const clause = english.items.find((i) => i.str.startsWith('Clause'))!;
    const agreed = english.items.find((i) => i.str.includes('agreed'))!;
    expect(clause.x).toBeCloseTo(box.x, 0);
    expect(agreed.x).toBeGreaterThan(clause.x);
  });

  it('breaks a long Persian paragraph into lines that start on the right and read on from line to line', async () => {
    const alphabet = [...'ابپتثجچحخدذرزژسشصضطظ'];
    // Forty different words, all letters (digits would be runs of their own).
    const words = Array.from(
      { length: 40 },
      (_, k) => `واژه${alphabet[k % 20]}${alphabet[Math.floor(k / 20)]}`,
    );
    const { items } = await drawn([regular(words.join(' '))], { ...box, width: 160 });
    const lines = [...new Set(items.map((i) => Math.round(i.y)))].sort((a, b) => a - b);
    expect(lines.length).toBeGreaterThan(3);
    const firstLine = items
      .filter((i) => Math.round(i.y) === lines[0])
      .map((i) => i.str)
      .join(' ');
    const lastLine = items
      .filter((i) => Math.round(i.y) === lines.at(-1))
      .map((i) => i.str)
      .join(' ');
    expect(firstLine.split(' ')).toContain(words[0]);
    expect(lastLine.split(' ')).toContain(words[39]);
    expect(firstLine.split(' ')).not.toContain(words[39]);
    for (const item of items) {
      expect(item.x).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(item.x + item.width).toBeLessThanOrEqual(box.x + 160 + 0.5);
    }
  });

  it('keeps a blank line of a Persian paragraph as a line, and sets nothing for empty text', async () => {
    const { items } = await drawn([regular('ایران\n\nبرجام')], box);
    const [first, second] = [items.find((i) => i.str === 'ایران')!, items.find((i) => i.str === 'برجام')!];
    const line = second.y - first.y;
    expect(line).toBeGreaterThan(20);
    expect(line).toBeLessThan(30);
    const pdf = new PDFDocument({ size: 'A4' });
    expect(writeText(pdf, [regular('')], box)).toBe(box.y);
    pdf.end();
  });

  it('cuts at the lines allowed with an ellipsis where reading stops: the left of a Persian line, the right of an English one', async () => {
    const persian = Array.from({ length: 60 }, () => 'تحریم‌ها').join(' ');
    const cutPersian = await drawn([regular(persian)], { ...box, maxLines: 2 });
    const persianLines = new Set(cutPersian.items.map((i) => Math.round(i.y)));
    expect(persianLines.size).toBe(2);
    const ellipsis = cutPersian.items.find((i) => i.str.includes('…'))!;
    expect(ellipsis.x).toBeLessThan(
      Math.min(...cutPersian.items.filter((i) => i !== ellipsis).map((i) => i.x)) + 1,
    );

    const english = `Sanctions ${Array.from({ length: 60 }, () => 'تحریم‌ها').join(' ')}`;
    const cutEnglish = await drawn([regular(english)], { ...box, maxLines: 2 });
    const last = cutEnglish.items.find((i) => i.str.includes('…'))!;
    expect(last.x + last.width).toBeGreaterThan(
      Math.max(...cutEnglish.items.filter((i) => i !== last).map((i) => i.x + i.width)) - 1,
    );
  });

  it('loses no letter and leaves the box at no point, whatever the mix of scripts, numbers and brackets', async () => {
    const word = fc.constantFrom(
      'ایران',
      'غنی‌سازی',
      'پیشنهاد',
      'لغو',
      'گام‌های',
      '۳٫۶۷',
      '۲۰۱۵',
      'JCPOA',
      'Article',
      '3.67',
      '(مطابق',
      'برجام)',
      '[bracket]',
      '«نقل»',
      'ژوئن،',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 90, max: 400 }),
        async (words, width) => {
          const text = words.join(' ');
          const { items } = await drawn([regular(text, 9)], { ...box, width });
          expect(letters(items.map((i) => i.str).join(''))).toEqual(letters(text));
          for (const item of items) {
            expect(item.x).toBeGreaterThanOrEqual(box.x - 0.5);
            expect(item.x + item.width).toBeLessThanOrEqual(box.x + width + 0.5);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
