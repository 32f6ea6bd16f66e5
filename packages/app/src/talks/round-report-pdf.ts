import PDFDocument from 'pdfkit';
import { needsUnicodeFont, registerUnicodeFonts, type TextStyle, writeText } from './pdf-text.ts';
import type { ReportList, RoundReportLayout } from './round-report-layout.ts';

const margin = 48;

/**
 * The report as a one-page A4 PDF (`pdfkit`, its built-in Helvetica, as `text-document-pdf.ts`): the reader and
 * date line, the title, the shares table, then each list, every item on at most the lines the layout gave it
 * (cut with an ellipsis). The layout's lists share a fixed number of lines, so the page never overflows. Text
 * Helvetica cannot show (Persian, say) is set by `writeText` in the shipped DejaVu Sans, in bidirectional order,
 * on the same lines and cut the same way.
 */
export function roundReportPdf(layout: RoundReportLayout): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin, info: { Title: layout.title, Creator: 'Lockstep' } });
  registerUnicodeFonts(pdf);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * margin;
  /** The longest start of `text` that, with an ellipsis, fits `room` on one line in the current font. */
  const fit = (text: string, room = width): string => {
    if (pdf.widthOfString(text) <= room) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (pdf.widthOfString(`${text.slice(0, mid)}…`) <= room) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low).trimEnd()}…`;
  };
  /** One line of text, cut to the width; `lineBreak: false` leaves the position alone, so move down here. */
  const line = (text: string, font: string, size: number, indent = 0) => {
    pdf.font(font).fontSize(size);
    const y = pdf.y;
    if (needsUnicodeFont(text)) {
      writeText(pdf, [{ text, style: styleOf(font), size }], {
        x: margin + indent,
        y,
        width: width - indent,
        maxLines: 1,
      });
      pdf.font(font).fontSize(size);
    } else pdf.text(fit(text, width - indent), margin + indent, y, { lineBreak: false });
    pdf.x = margin;
    pdf.y = y + pdf.currentLineHeight(true) * 1.25;
  };

  line(layout.reader, 'Helvetica-Oblique', 8.5);
  pdf.moveDown(0.3);
  line(layout.title, 'Helvetica-Bold', 16);
  line(layout.dates, 'Helvetica', 9);

  heading(layout.sharesHeading);
  const columns = [
    { title: 'Group', x: 0, width: 190, align: 'left' as const },
    { title: 'Clauses', x: 190, width: 60, align: 'right' as const },
    { title: 'Agreed', x: 250, width: 90, align: 'right' as const },
    { title: 'Ad referendum', x: 340, width: 85, align: 'right' as const },
    { title: 'Change', x: 425, width: width - 425, align: 'right' as const },
  ];
  const row = (cells: readonly string[], font: string) => {
    const y = pdf.y;
    pdf.font(font).fontSize(9);
    columns.forEach((c, i) => {
      const cell = cells[i] ?? '';
      if (needsUnicodeFont(cell)) {
        writeText(pdf, [{ text: cell, style: styleOf(font), size: 9 }], {
          x: margin + c.x,
          y,
          width: c.width,
          maxLines: 1,
          align: c.align,
        });
        pdf.font(font).fontSize(9);
        return;
      }
      pdf.text(fit(cell, c.width), margin + c.x, y, {
        width: c.width,
        align: c.align,
        lineBreak: false,
      });
    });
    pdf.x = margin;
    pdf.y = y + 13;
  };
  row(
    columns.map((c) => c.title),
    'Helvetica-Bold',
  );
  layout.shares.forEach((s, i) => {
    row(
      [s.group, s.clauses, s.agreed, s.adReferendum, s.change],
      i === layout.shares.length - 1 ? 'Helvetica-Bold' : 'Helvetica',
    );
  });

  for (const l of [layout.changes, ...layout.brackets]) list(l);

  pdf.moveDown(0.8);
  line(layout.footer, 'Helvetica-Oblique', 7.5);
  pdf.end();
  return done;

  function heading(text: string) {
    pdf.moveDown(0.7);
    line(text, 'Helvetica-Bold', 11);
    const y = pdf.y - 1;
    pdf
      .moveTo(margin, y)
      .lineTo(margin + width, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    pdf.y = y + 3;
  }

  function list(l: ReportList) {
    heading(l.heading);
    line(l.summary, 'Helvetica', 9);
    pdf.font('Helvetica').fontSize(8.5);
    const lineHeight = pdf.currentLineHeight(true);
    for (const item of l.items) {
      // At most the item's lines, the last cut with an ellipsis.
      if (needsUnicodeFont(item.text)) {
        pdf.y = writeText(pdf, [{ text: `• ${item.text}`, style: 'regular', size: 8.5 }], {
          x: margin + 8,
          y: pdf.y,
          width: width - 8,
          maxLines: item.lines,
        });
        pdf.x = margin;
        pdf.font('Helvetica').fontSize(8.5);
        pdf.moveDown(0.25);
        continue;
      }
      pdf.text(`• ${item.text}`, margin + 8, pdf.y, {
        width: width - 8,
        height: item.lines * lineHeight,
        ellipsis: true,
      });
      pdf.moveDown(0.25);
    }
    if (l.more > 0) line(`and ${l.more} more`, 'Helvetica-Oblique', 8.5, 8);
  }
}

/** The style of one of the Helvetica faces the report uses. */
function styleOf(font: string): TextStyle {
  return font.endsWith('-Bold') ? 'bold' : font.endsWith('-Oblique') ? 'oblique' : 'regular';
}
