import type { TextImportResult } from '@lockstep/contract';
import type { Actor, ExpertGroup } from '@lockstep/core';
import { strFromU8, unzipSync } from 'fflate';
import { TalksError } from './talks-error.ts';
import { allow } from './talks-ledger.ts';
import type { TalksService } from './talks-service.ts';
import type { ParsedClause } from './talks-texts.ts';

const accepted =
  'each paragraph is a clause: its number and a full stop, its title or text, then its alternatives in square brackets, e.g. "1. Enrichment [3.67 per cent] [5 per cent]"';

/** A paragraph's first words, to name it in an error. */
function firstWords(paragraph: string): string {
  const words = paragraph.split(/\s+/).slice(0, 6).join(' ');
  return words.length > 48 ? `${words.slice(0, 48)}…` : words;
}

/**
 * Reads a bracketed text: one clause per non-empty paragraph (line), `N. title [alternative A] [alternative B]`.
 * Refuses, naming the paragraph by its position and first words, a paragraph with no number, an unbalanced,
 * nested or empty bracket, a duplicate number, or a title over 300 characters. `source` names the input.
 */
export function parseBracketedText(text: string, source: string): ParsedClause[] {
  const clauses: ParsedClause[] = [];
  const seen = new Map<number, number>();
  const paragraphs = text.split(/\r?\n/).map((line) => line.trim());
  paragraphs.forEach((paragraph, index) => {
    if (paragraph === '') return;
    const at = `${source}, paragraph ${index + 1} ("${firstWords(paragraph)}")`;
    const numbered = /^(\d{1,4})\.\s*(.*)$/s.exec(paragraph);
    if (!numbered) throw new TalksError(400, `${at}: no clause number; ${accepted}`, source);
    const number = Number(numbered[1]);
    const before = seen.get(number);
    if (before !== undefined) {
      throw new TalksError(
        400,
        `${at}: duplicate number ${number} (paragraph ${before} has it too); number each clause once`,
        source,
      );
    }
    seen.set(number, index + 1);
    const outside: string[] = [];
    const alternatives: string[] = [];
    let current = '';
    let open = false;
    for (const char of numbered[2]!) {
      if (char === '[') {
        if (open) throw new TalksError(400, `${at}: a bracket opens inside another; ${accepted}`, source);
        outside.push(current);
        current = '';
        open = true;
      } else if (char === ']') {
        if (!open) {
          throw new TalksError(400, `${at}: unbalanced bracket ("]" with no "["); ${accepted}`, source);
        }
        const alternative = current.replace(/\s+/g, ' ').trim();
        if (alternative === '') throw new TalksError(400, `${at}: an empty alternative "[]"`, source);
        alternatives.push(alternative);
        current = '';
        open = false;
      } else {
        current += char;
      }
    }
    if (open) throw new TalksError(400, `${at}: unbalanced bracket ("[" never closed); ${accepted}`, source);
    outside.push(current);
    const title = outside
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[:;,]$/, '')
      .trim();
    if (title.length > 300) {
      throw new TalksError(400, `${at}: the title is ${title.length} characters; at most 300`, source);
    }
    clauses.push({ number, title: title || `Clause ${number}`, alternatives });
  });
  if (clauses.length === 0) {
    throw new TalksError(400, `${source}: no numbered paragraph; ${accepted}`, source);
  }
  return clauses;
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : entities[name]!,
  );
}

/**
 * The paragraphs of a .docx body (word/document.xml), one per line, their runs' text joined (tabs and breaks as
 * spaces). Word's automatic list numbers are not text: the import needs the numbers typed.
 */
export function docxParagraphs(bytes: Uint8Array, source: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' });
  } catch {
    throw new TalksError(
      400,
      `${source}: not a .docx (not a zip file); give a Word .docx or plain text`,
      source,
    );
  }
  const xml = files['word/document.xml'];
  if (!xml) {
    throw new TalksError(
      400,
      `${source}: not a .docx (no word/document.xml); give a Word .docx or plain text`,
      source,
    );
  }
  const body = strFromU8(xml);
  const paragraphs: string[] = [];
  for (const match of body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = match[1] ?? '';
    let line = '';
    for (const piece of inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\b[^>]*\/>/g)) {
      line += piece[1] === undefined ? ' ' : decodeXml(piece[1]);
    }
    paragraphs.push(line);
  }
  return paragraphs.join('\n');
}

/**
 * Imports a bracketed text into an empty group text, as the coordinator: a preview (the clauses it would create,
 * with their ids) unless `apply`, then every clause and alternative created in one transaction with one audit
 * entry (`text.add-clause` on `text:<group>`, with the counts). Each alternative is the coordinator's own
 * wording, disclosed to no delegation (the file does not say who proposed it). A text that already has clauses
 * is refused (409): the import starts a text, it never merges into one.
 */
export async function importText(
  talks: TalksService,
  actor: Actor,
  group: ExpertGroup,
  input: { text?: string | undefined; docx?: string | undefined; apply: boolean },
): Promise<TextImportResult> {
  allow(actor, 'text.add-clause');
  if ((input.text === undefined) === (input.docx === undefined)) {
    throw new TalksError(
      400,
      'give either text (the plain text) or docx (a .docx file as base64), not both and not neither',
      'text',
    );
  }
  const parsed =
    input.docx !== undefined
      ? parseBracketedText(docxParagraphs(Buffer.from(input.docx, 'base64'), 'docx'), 'docx')
      : parseBracketedText(input.text!, 'text');
  return talks.texts.importClauses(actor, group, parsed, input.apply);
}
