import PDFDocument from 'pdfkit';
import { helveticaFont, needsUnicodeFont, type StyledText, writeText } from './pdf-text.ts';
import type { DraftText } from './text-draft.ts';

const margin = 56;

/**
 * A drafted text as a PDF (`pdfkit`, no browser): the header at the top, a numbered paragraph per clause with
 * its alternatives in square brackets, each disclosed proposer as a numbered note set small under its clause,
 * and an agreed clause's wording with its status marked. Paragraphs are set in pdfkit's built-in Helvetica; one
 * that holds a character Helvetica cannot show (Persian, say) is set by `writeText` in the shipped DejaVu Sans,
 * in bidirectional order.
 */
export function textPdf(draft: DraftText): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin, info: { Title: draft.title, Creator: 'Lockstep' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  /** One paragraph from the current position, in Helvetica when it can show every segment, and move below it. */
  const paragraph = (segments: readonly StyledText[], indent = 0) => {
    if (segments.some((s) => needsUnicodeFont(s.text))) {
      pdf.y = writeText(pdf, segments, {
        x: margin + indent,
        y: pdf.y,
        width: pdf.page.width - 2 * margin - indent,
        page: {
          bottom: pdf.page.height - margin,
          nextPage: () => {
            pdf.addPage();
            return pdf.y;
          },
        },
      });
      pdf.x = margin;
      return;
    }
    segments.forEach((s, k) => {
      const last = k === segments.length - 1;
      pdf
        .font(helveticaFont(s.style))
        .fontSize(s.size)
        .text(s.text, last && segments.length === 1 ? { indent } : { continued: !last });
    });
  };

  paragraph([{ text: draft.header, style: 'oblique', size: 9 }]);
  pdf.moveDown();
  paragraph([{ text: draft.title, style: 'bold', size: 14 }]);
  pdf.moveDown();
  let nextNote = 1;
  for (const clause of draft.clauses) {
    const notes: string[] = [];
    const segments: StyledText[] = [{ text: `${clause.number}. ${clause.title}`, style: 'bold', size: 11 }];
    if (clause.agreedText !== undefined)
      segments.push({ text: ` ${clause.agreedText}`, style: 'regular', size: 11 });
    for (const alternative of clause.alternatives) {
      segments.push({ text: ` [${alternative.text}]`, style: 'regular', size: 11 });
      if (alternative.footnote !== undefined) {
        const note = nextNote++;
        notes.push(`${note} ${alternative.footnote}`);
        segments.push({ text: `${note}`, style: 'regular', size: 7 });
      }
    }
    if (clause.status !== undefined)
      segments.push({ text: ` (${clause.status})`, style: 'oblique', size: 11 });
    paragraph(segments);
    for (const note of notes) paragraph([{ text: note, style: 'regular', size: 8 }], 12);
    pdf.moveDown(0.6);
  }
  pdf.end();
  return done;
}
