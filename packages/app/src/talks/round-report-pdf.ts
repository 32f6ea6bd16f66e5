import PDFDocument from 'pdfkit';
import { helveticaFont, needsUnicodeFont, type TextStyle, writeText } from './pdf-text.ts';
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
  /**
   * `text` on one line at `x`, `y`, cut with an ellipsis to `room`: in Helvetica when it can show it, else by
   * `writeText`; against the right edge of `room` when `align` says so. The style's Helvetica is set after.
   */
  const oneLine = (
    text: string,
    style: TextStyle,
    size: number,
    x: number,
    y: number,
    room: number,
    align?: 'left' | 'right',
  ) => {
    const unicode = needsUnicodeFont(text);
    if (unicode) writeText(pdf, [{ text, style, size }], { x, y, width: room, maxLines: 1, align });
    pdf.font(helveticaFont(style)).fontSize(size);
    if (!unicode)
      pdf.text(
        fit(text, room),
        x,
        y,
        align ? { width: room, align, lineBreak: false } : { lineBreak: false },
      );
  };
  /** One line of text, cut to the width; `lineBreak: false` leaves the position alone, so move down here. */
  const line = (text: string, style: TextStyle, size: number, indent = 0) => {
    const y = pdf.y;
    oneLine(text, style, size, margin + indent, y, width - indent);
    pdf.x = margin;
    pdf.y = y + pdf.currentLineHeight(true) * 1.25;
  };

  line(layout.reader, 'oblique', 8.5);
  pdf.moveDown(0.3);
  line(layout.title, 'bold', 16);
  line(layout.dates, 'regular', 9);

  heading(layout.sharesHeading);
  const columns = [
    { title: 'Group', x: 0, width: 190, align: 'left' as const },
    { title: 'Clauses', x: 190, width: 60, align: 'right' as const },
    { title: 'Agreed', x: 250, width: 90, align: 'right' as const },
    { title: 'Ad referendum', x: 340, width: 85, align: 'right' as const },
    { title: 'Change', x: 425, width: width - 425, align: 'right' as const },
  ];
  const row = (cells: readonly string[], style: TextStyle) => {
    const y = pdf.y;
    columns.forEach((c, i) => {
      oneLine(cells[i] ?? '', style, 9, margin + c.x, y, c.width, c.align);
    });
    pdf.x = margin;
    pdf.y = y + 13;
  };
  row(
    columns.map((c) => c.title),
    'bold',
  );
  layout.shares.forEach((s, i) => {
    row(
      [s.group, s.clauses, s.agreed, s.adReferendum, s.change],
      i === layout.shares.length - 1 ? 'bold' : 'regular',
    );
  });

  for (const l of [layout.changes, ...layout.brackets]) list(l);

  pdf.moveDown(0.8);
  line(layout.footer, 'oblique', 7.5);
  pdf.end();
  return done;

  function heading(text: string) {
    pdf.moveDown(0.7);
    line(text, 'bold', 11);
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
    line(l.summary, 'regular', 9);
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
    if (l.more > 0) line(`and ${l.more} more`, 'oblique', 8.5, 8);
  }
}
