import type { TextDocumentFile } from '@lockstep/contract';
import type { Actor, ExpertGroup } from '@lockstep/core';
import type { TalksService } from './talks-service.ts';
import { textDocx } from './text-document-docx.ts';
import { textPdf } from './text-document-pdf.ts';
import { type DraftText, draftOf, readerName } from './text-draft.ts';

/** The file of a drafted text in one format. */
export async function renderDraft(draft: DraftText, format: 'docx' | 'pdf'): Promise<Uint8Array> {
  return format === 'docx' ? textDocx(draft) : textPdf(draft);
}

/**
 * One group's text as a .docx or .pdf, as the caller may see it: the text comes from the existing read
 * (`talks.texts.text`, which applies the visibility policy), the round from the rounds the caller may read.
 */
export async function textDocument(
  talks: TalksService,
  actor: Actor,
  group: ExpertGroup,
  format: 'docx' | 'pdf',
  now: Date = new Date(),
): Promise<TextDocumentFile> {
  const rendered = await talks.texts.text(actor, group);
  const rounds = await talks.rounds.rounds(actor);
  const last = rounds.rounds.at(-1);
  const round =
    last === undefined
      ? 'Before the first round'
      : rounds.open === last.number
        ? `Round ${last.number}`
        : `After round ${last.number}`;
  const draft = draftOf(rendered, {
    round,
    date: now.toISOString().slice(0, 10),
    reader: readerName(actor),
  });
  return {
    contentType:
      format === 'docx'
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
    fileName: `${group}-text-v${rendered.version}.${format}`,
    body: await renderDraft(draft, format),
  };
}
