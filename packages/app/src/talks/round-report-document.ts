import { type RoundReportFile, RoundReportJson } from '@lockstep/contract';
import type { Actor } from '@lockstep/core';
import { roundReportHtml } from './round-report-html.ts';
import { roundReportLayout } from './round-report-layout.ts';
import { roundReportPdf } from './round-report-pdf.ts';
import type { TalksService } from './talks-service.ts';
import { readerName } from './text-draft.ts';

/**
 * Closed round `number`'s report as the caller may see it, as JSON, a printable HTML page or a one-page PDF.
 * Everything comes from `talks.rounds.roundReport`, which renders both closes' texts for the caller before it
 * compares or lists anything; the JSON passes through the contract's schema, and the HTML and PDF draw only
 * the layout made from it.
 */
export async function roundReportFile(
  talks: TalksService,
  actor: Actor,
  number: number,
  format: 'json' | 'html' | 'pdf',
  now: Date = new Date(),
): Promise<RoundReportFile> {
  const drawn = await talks.rounds.roundReport(actor, number, now.toISOString());
  const fileName = `round-${number}-report`;
  if (format === 'json') {
    return {
      contentType: 'application/json; charset=utf-8',
      fileName: `${fileName}.json`,
      body: new TextEncoder().encode(`${JSON.stringify(RoundReportJson.parse(drawn.report), null, 2)}\n`),
    };
  }
  const layout = roundReportLayout(drawn.report, {
    reader: readerName(actor),
    openedBy: drawn.openedBy,
    closedBy: drawn.closedBy,
  });
  if (format === 'html') {
    return {
      contentType: 'text/html; charset=utf-8',
      fileName: `${fileName}.html`,
      body: new TextEncoder().encode(roundReportHtml(layout)),
      inline: true,
    };
  }
  return { contentType: 'application/pdf', fileName: `${fileName}.pdf`, body: await roundReportPdf(layout) };
}
