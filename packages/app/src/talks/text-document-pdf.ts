import PDFDocument from 'pdfkit';
import type { DraftText } from './text-draft.ts';

/**
 * A drafted text as a PDF (`pdfkit`, with its built-in Helvetica: no font files, no browser): the header at the
 * top, a numbered paragraph per clause with its alternatives in square brackets, each disclosed proposer as a
 * numbered note set small under its clause, and an agreed clause's wording with its status marked.
 */
export function textPdf(draft: DraftText): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: draft.title, Creator: 'Lockstep' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Oblique').fontSize(9).text(draft.header);
  pdf.moveDown();
  pdf.font('Helvetica-Bold').fontSize(14).text(draft.title);
  pdf.moveDown();
  let nextNote = 1;
  for (const clause of draft.clauses) {
    const notes: string[] = [];
    pdf.font('Helvetica-Bold').fontSize(11).text(`${clause.number}. ${clause.title}`, { continued: true });
    pdf.font('Helvetica');
    if (clause.agreedText !== undefined) pdf.text(` ${clause.agreedText}`, { continued: true });
    for (const alternative of clause.alternatives) {
      pdf.fontSize(11).text(` [${alternative.text}]`, { continued: true });
      if (alternative.footnote !== undefined) {
        const note = nextNote++;
        notes.push(`${note} ${alternative.footnote}`);
        pdf.fontSize(7).text(`${note}`, { continued: true });
      }
    }
    if (clause.status !== undefined) {
      pdf.font('Helvetica-Oblique').fontSize(11).text(` (${clause.status})`, { continued: true });
    }
    pdf.text('');
    for (const note of notes) pdf.font('Helvetica').fontSize(8).text(note, { indent: 12 });
    pdf.moveDown(0.6);
  }
  pdf.end();
  return done;
}
