import { Document, FootnoteReferenceRun, Header, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { readsRightToLeft } from './text-direction.ts';
import type { DraftText } from './text-draft.ts';

/** A paragraph's `w:bidi` when it reads right to left; nothing otherwise (the library writes `false` out). */
const rightToLeft = (text: string) => (readsRightToLeft(text) ? { bidirectional: true } : {});

/**
 * A drafted text as a .docx (the `docx` library): the header on every page, a numbered paragraph per clause,
 * an open clause's alternatives in square brackets each with its footnote where its proposer is disclosed, an
 * agreed clause's wording with its status marked. Each clause is one paragraph, so the import reads it back. A
 * paragraph that reads right to left (its first letter Persian, say) is marked so (`w:bidi`), so that Word sets
 * it from the right.
 */
export async function textDocx(draft: DraftText): Promise<Uint8Array> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let nextFootnote = 1;
  const clauses = draft.clauses.map((clause) => {
    const runs: (TextRun | FootnoteReferenceRun)[] = [
      new TextRun({ text: `${clause.number}. ${clause.title}`, bold: true }),
    ];
    if (clause.agreedText !== undefined) runs.push(new TextRun(` ${clause.agreedText}`));
    for (const alternative of clause.alternatives) {
      runs.push(new TextRun(` [${alternative.text}]`));
      if (alternative.footnote !== undefined) {
        const id = nextFootnote++;
        footnotes[id] = {
          children: [
            new Paragraph({
              text: alternative.footnote,
              ...rightToLeft(alternative.footnote),
            }),
          ],
        };
        runs.push(new FootnoteReferenceRun(id));
      }
    }
    if (clause.status !== undefined) {
      runs.push(new TextRun({ text: ` (${clause.status})`, italics: true }));
    }
    // The paragraph's direction is its first strong letter's, read over the whole of its text.
    const text = [clause.title, clause.agreedText, ...clause.alternatives.map((a) => a.text), clause.status];
    return new Paragraph({ children: runs, spacing: { after: 160 }, ...rightToLeft(text.join(' ')) });
  });
  const document = new Document({
    creator: 'Lockstep',
    title: draft.title,
    footnotes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(draft.header)] }) },
        children: [
          new Paragraph({
            text: draft.title,
            heading: HeadingLevel.HEADING_1,
            ...rightToLeft(draft.title),
          }),
          new Paragraph({ children: [new TextRun({ text: draft.header, italics: true })] }),
          ...clauses,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
