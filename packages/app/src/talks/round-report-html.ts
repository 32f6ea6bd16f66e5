import type { ReportList, RoundReportLayout } from './round-report-layout.ts';

/** Text for HTML: the five characters that could start markup or end an attribute, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The page's own styles: one A4 page in print, each list item on at most its lines (cut with an ellipsis). */
const styles = `
@page { size: A4; margin: 17mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 0; background: #f3f3f0; }
main { background: #fff; width: 210mm; min-height: 297mm; margin: 12px auto; padding: 17mm; }
@media print { body { background: none; } main { width: auto; min-height: 0; margin: 0; padding: 0; } }
header p { margin: 0; font-style: italic; font-size: 8.5pt; color: #444; }
h1 { font-size: 16pt; margin: 4px 0 6px; }
h2 { font-size: 11pt; margin: 14px 0 4px; border-bottom: 1px solid #ccc; padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { text-align: left; padding: 2px 8px 2px 0; border-bottom: 1px solid #eee; }
td.n, th.n { text-align: right; }
tr.all td { font-weight: bold; border-top: 1px solid #999; }
p.summary { margin: 2px 0; font-size: 9pt; color: #333; }
ul { list-style: none; margin: 0; padding: 0 0 0 8px; font-size: 8.5pt; }
li { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; padding-left: 9px; text-indent: -9px; }
li.l1 { -webkit-line-clamp: 1; line-clamp: 1; }
li.l2 { -webkit-line-clamp: 2; line-clamp: 2; }
li.l3 { -webkit-line-clamp: 3; line-clamp: 3; }
li.more { font-style: italic; color: #555; }
footer { margin-top: 12px; font-size: 7.5pt; color: #666; }
`;

function list(l: ReportList, heading: 'h2' | 'h3' = 'h2'): string {
  const items = l.items.map(
    (item) =>
      `<li class="l${item.lines}" dir="auto" title="${escapeHtml(item.text)}">• ${escapeHtml(item.text)}</li>`,
  );
  if (l.more > 0) items.push(`<li class="more">and ${l.more} more</li>`);
  return [
    `<section><${heading}>${escapeHtml(l.heading)}</${heading}>`,
    `<p class="summary">${escapeHtml(l.summary)}</p>`,
    items.length > 0 ? `<ul>${items.join('')}</ul>` : '',
    '</section>',
  ].join('');
}

/**
 * The report as a self-contained HTML page: inline styles, no script, no outside resource; every text from
 * the talks escaped. It shows what the layout holds, which was drawn from the reader's report only.
 */
export function roundReportHtml(layout: RoundReportLayout): string {
  const rows = layout.shares.map(
    (row, i) =>
      `<tr${i === layout.shares.length - 1 ? ' class="all"' : ''}><td dir="auto">${escapeHtml(row.group)}</td>` +
      `<td class="n">${escapeHtml(row.clauses)}</td><td class="n">${escapeHtml(row.agreed)}</td>` +
      `<td class="n">${escapeHtml(row.adReferendum)}</td><td class="n">${escapeHtml(row.change)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<header><p>${escapeHtml(layout.reader)}</p></header>
<h1>${escapeHtml(layout.title)}</h1>
<p class="summary">${escapeHtml(layout.dates)}</p>
<section><h2>${escapeHtml(layout.sharesHeading)}</h2>
<table><thead><tr><th>Group</th><th class="n">Clauses</th><th class="n">Agreed</th><th class="n">Ad referendum</th><th class="n">Change</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></section>
${list(layout.changes)}
${layout.brackets.map((b) => list(b)).join('\n')}
<footer>${escapeHtml(layout.footer)}</footer>
</main>
</body>
</html>
`;
}
