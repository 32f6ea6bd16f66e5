import { readFileSync } from 'node:fs';
import { type Bidi, bidi, firstParagraphRightToLeft } from './text-direction.ts';

/**
 * Text in the talks PDFs that Helvetica cannot show. pdfkit's built-in Helvetica writes WinAnsi (Windows-1252)
 * only, so a Persian clause came out as stray Latin letters. A paragraph that holds any other character is set
 * here instead: in DejaVu Sans (shipped in `packages/app/fonts`, embedded as a subset), broken into lines by
 * width, each line put in visual order by the Unicode bidirectional algorithm (`bidi-js`), and every run of one
 * direction and style drawn on its own, so that fontkit (pdfkit's layout engine) joins Persian letters into their
 * contextual forms. A paragraph whose first strong letter is right-to-left is set right-aligned.
 */

/** How a piece of text is set: weight and slant, as the Helvetica faces the PDFs use. */
export type TextStyle = 'regular' | 'bold' | 'oblique';

/** A piece of a paragraph in one style and size. */
export interface StyledText {
  readonly text: string;
  readonly style: TextStyle;
  readonly size: number;
}

/** Where a paragraph goes, and how much of it to keep. */
export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** The most lines to set; the last line kept is cut with an ellipsis when text is left over. */
  readonly maxLines?: number;
  /** The side lines keep to (a table's column); by default the paragraph's own: right when it reads right to left. */
  readonly align?: 'left' | 'right';
  /** Added to each line's height (pdfkit's `lineGap`). */
  readonly lineGap?: number;
  /** Where a page's text ends, and how to go on: `nextPage` starts a page and returns the y to go on from. */
  readonly page?: { readonly bottom: number; readonly nextPage: () => number };
}

/** The pdfkit calls this module makes (the document it writes to). */
export interface PdfWriter {
  registerFont(name: string, src: Buffer): unknown;
  font(name: string): PdfWriter;
  fontSize(size: number): PdfWriter;
  widthOfString(text: string, options?: { features?: [] }): number;
  currentLineHeight(includeGap?: boolean): number;
  text(
    text: string,
    x: number,
    y: number,
    options: { lineBreak: false; features: []; baseline: 'alphabetic' },
  ): unknown;
}

const fontFiles = {
  'Lockstep-Sans': new URL('../../fonts/DejaVuSans.ttf', import.meta.url).pathname,
  'Lockstep-Sans-Bold': new URL('../../fonts/DejaVuSans-Bold.ttf', import.meta.url).pathname,
} as const;

/** The characters of Windows-1252 above Latin-1's C1 range gap, which Helvetica's WinAnsi encoding also holds. */
const winAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** True when Helvetica (WinAnsi) cannot show some character of `text`, so it must be set by `writeText`. */
export function needsUnicodeFont(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a || code === 0x09) continue;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) continue;
    if (!winAnsiExtra.has(char)) return true;
  }
  return false;
}

/** The Helvetica face of a style: what a paragraph Helvetica can show is set in. */
export function helveticaFont(style: TextStyle): string {
  return style === 'bold' ? 'Helvetica-Bold' : style === 'oblique' ? 'Helvetica-Oblique' : 'Helvetica';
}

/** The shipped fonts' bytes, read once per process, when the first paragraph needs them. */
let fontBytes: readonly (readonly [string, Buffer])[] | undefined;
/** The documents the fonts are registered with. */
const registered = new WeakSet<PdfWriter>();

/** Registers the fonts `writeText` sets text in with a document, once. */
function registerFonts(pdf: PdfWriter): void {
  if (registered.has(pdf)) return;
  fontBytes ??= Object.entries(fontFiles).map(([name, file]) => [name, readFileSync(file)] as const);
  for (const [name, bytes] of fontBytes) pdf.registerFont(name, bytes);
  registered.add(pdf);
}

/** The font of a style in a Unicode paragraph. DejaVu's oblique has no Arabic letters, so oblique is upright. */
const unicodeFont = (style: TextStyle) => (style === 'bold' ? 'Lockstep-Sans-Bold' : 'Lockstep-Sans');

/** A letter, digit or mark of a script other than Common and Inherited: what fontkit reads a run's script from. */
const scriptLetter = /[\p{L}\p{N}\p{M}]/u;
const commonScript = /[\p{Script=Common}\p{Script=Inherited}]/u;
const rightToLeftScript =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Whether fontkit lays `text` out right to left: its first letter of a script of its own is of such a script. */
function fontkitReverses(text: string): boolean {
  for (const char of text) {
    if (scriptLetter.test(char) && !commonScript.test(char)) return rightToLeftScript.test(char);
  }
  return false;
}

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly style: TextStyle;
  readonly size: number;
}

/**
 * Sets `segments` as one paragraph in `box` (see the module note) and returns the y below its last line. Lines
 * break at spaces (a word wider than the box is cut between characters); `maxLines` keeps at most that many,
 * the last cut with an ellipsis when text is left over.
 */
export function writeText(pdf: PdfWriter, segments: readonly StyledText[], box: TextBox): number {
  registerFonts(pdf);
  const text = segments.map((s) => s.text).join('');
  const pieces: Piece[] = [];
  let at = 0;
  for (const s of segments) {
    if (s.text.length > 0) pieces.push({ start: at, end: at + s.text.length, style: s.style, size: s.size });
    at += s.text.length;
  }
  const styleAt = (i: number) => pieces.find((p) => i >= p.start && i < p.end)!;
  const width = (from: number, to: number): number => {
    let sum = 0;
    for (const p of pieces) {
      const a = Math.max(from, p.start);
      const b = Math.min(to, p.end);
      if (a < b)
        sum += pdf.font(unicodeFont(p.style)).fontSize(p.size).widthOfString(text.slice(a, b), wholeRun);
    }
    return sum;
  };
  const lines = breakLines(text, box.width, width);
  const kept = box.maxLines === undefined ? lines : lines.slice(0, box.maxLines);
  const levels = bidi().getEmbeddingLevels(text, 'auto');
  const rightToLeft = firstParagraphRightToLeft(levels);
  let y = box.y;
  kept.forEach(([from, to], k) => {
    const cut = k === kept.length - 1 && kept.length < lines.length;
    let end = to;
    if (cut) {
      const { style, size } = styleAt(from);
      const ellipsis = pdf.font(unicodeFont(style)).fontSize(size).widthOfString('…', wholeRun);
      while (end > from && width(from, end) + ellipsis > box.width) end--;
    }
    const runs = visualRuns(text, levels, from, end, styleAt);
    if (cut) {
      // The ellipsis goes where the line's reading ends: on the left of a right-to-left paragraph.
      const ellipsisRun = { text: '…', style: styleAt(Math.max(from, end - 1)), rightToLeft: false };
      if (rightToLeft) runs.unshift(ellipsisRun);
      else runs.push(ellipsisRun);
    }
    const lineWidth = runs.reduce((sum, r) => sum + runWidth(pdf, r), 0);
    const right = box.align === undefined ? rightToLeft : box.align === 'right';
    let x = right ? box.x + box.width - lineWidth : box.x;
    // An empty line (a blank line of the text) is as high as the paragraph's first style.
    const styles = runs.length > 0 ? runs.map((r) => r.style) : pieces.slice(0, 1);
    const height = Math.max(
      0,
      ...styles.map((p) => pdf.font(unicodeFont(p.style)).fontSize(p.size).currentLineHeight(false)),
    );
    if (box.page && y + height > box.page.bottom) y = box.page.nextPage();
    for (const r of runs) {
      pdf.font(unicodeFont(r.style.style)).fontSize(r.style.size);
      // On the baseline Helvetica would have at this y, so a cell or line set here sits level with its neighbours.
      pdf.text(drawnText(r), x, y + (helveticaAscender * r.style.size) / 1000, wholeRun);
      x += runWidth(pdf, r);
    }
    y += height + (box.lineGap ?? 0);
  });
  return y;
}

/**
 * pdfkit lays text out word by word (each word and the space after it on its own) unless OpenType features are
 * given, when it hands fontkit the whole string; a right-to-left run must be laid out whole, or its words stay in
 * reading order left to right. No feature is added: fontkit applies the script's own.
 */
const wholeRun = { lineBreak: false, features: [], baseline: 'alphabetic' } as {
  lineBreak: false;
  features: [];
  baseline: 'alphabetic';
};

/** Helvetica's ascender, in thousandths of the size (its AFM): where pdfkit puts its baseline below a y. */
const helveticaAscender = 718;

interface Run {
  /** The run's characters in logical (reading) order. */
  readonly text: string;
  readonly style: Piece;
  readonly rightToLeft: boolean;
}

function runWidth(pdf: PdfWriter, r: Run): number {
  return pdf.font(unicodeFont(r.style.style)).fontSize(r.style.size).widthOfString(r.text, wholeRun);
}

/**
 * What to hand pdfkit for a run so that its glyphs come out in visual order: fontkit reverses a run it reads as
 * right-to-left script and leaves the rest, so a right-to-left run without such letters (brackets, spaces) is
 * reversed here, and a left-to-right run fontkit would reverse (Persian digits) is reversed here first. Brackets
 * in a right-to-left run are mirrored.
 */
function drawnText(r: Run): string {
  const mirrored = r.rightToLeft
    ? [...r.text].map((c) => bidi().getMirroredCharacter(c) ?? c).join('')
    : r.text;
  return r.rightToLeft !== fontkitReverses(mirrored) ? [...mirrored].reverse().join('') : mirrored;
}

/**
 * The characters `from` to `to` (exclusive) of one line as runs in visual order, left to right: each run one
 * direction and one style, its characters consecutive in the text.
 */
function visualRuns(
  text: string,
  levels: ReturnType<Bidi['getEmbeddingLevels']>,
  from: number,
  to: number,
  styleAt: (i: number) => Piece,
): Run[] {
  if (to <= from) return [];
  // The indices of the whole text, with this line's reordered: keep the line's.
  const order = bidi()
    .getReorderedIndices(text, levels, from, to - 1)
    .slice(from, to);
  const runs: { indices: number[]; odd: boolean; style: Piece }[] = [];
  for (const i of order) {
    const odd = levels.levels[i]! % 2 === 1;
    const style = styleAt(i);
    const last = runs.at(-1);
    const next = last ? last.indices.at(-1)! + (last.odd ? -1 : 1) : undefined;
    if (last && last.odd === odd && last.style === style && next === i) last.indices.push(i);
    else runs.push({ indices: [i], odd, style });
  }
  return runs.map((r) => {
    const sorted = [...r.indices].sort((a, b) => a - b);
    return {
      text: text.slice(sorted[0]!, sorted.at(-1)! + 1),
      style: r.style,
      rightToLeft: r.odd,
    };
  });
}

/**
 * Logical line breaks: [from, to) per line, each as many whole words as fit `room` (a space ends a word and is
 * dropped at a break), a word wider than the room cut between characters; `\n` always breaks.
 */
function breakLines(
  text: string,
  room: number,
  width: (from: number, to: number) => number,
): [number, number][] {
  const lines: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const hardEnd = newline < 0 ? text.length : newline;
    if (start === hardEnd) {
      lines.push([start, start]);
      start = hardEnd + 1;
      continue;
    }
    let end = start;
    let lastFit = -1;
    // Extend word by word while the line fits.
    while (end < hardEnd) {
      let wordEnd = text.indexOf(' ', end);
      if (wordEnd < 0 || wordEnd > hardEnd) wordEnd = hardEnd;
      if (width(start, wordEnd) > room) break;
      lastFit = wordEnd;
      end = wordEnd < hardEnd ? wordEnd + 1 : hardEnd;
    }
    if (lastFit < 0) {
      // Not even one word fits: cut it where it stops fitting (at least one character).
      let cut = start + 1;
      while (cut < hardEnd && width(start, cut + 1) <= room) cut++;
      lines.push([start, cut]);
      start = cut;
      continue;
    }
    lines.push([start, lastFit]);
    start = lastFit < hardEnd ? lastFit + 1 : hardEnd + 1;
    while (start < text.length && text[start] === ' ') start++;
  }
  return lines.length > 0 ? lines : [[0, 0]];
}
