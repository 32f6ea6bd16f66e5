/**
 * The negotiating text as a document (BENCH_ONLY=talks-document): a 200-clause text, two or three bracketed
 * alternatives per clause, some agreed, read for the coordinator (every proposer footnoted) and rendered as a
 * .docx (target < 1 s) and a PDF; the baseline in the same run is the JSON of the same read. Each figure is
 * the median of 7 runs after one warm-up, on an in-memory store.
 */
import { localAdmin, Workbench } from '@lockstep/app';
import type { Actor } from '@lockstep/core';
import { textDocument } from '../packages/app/src/talks/text-document.ts';
import { importText } from '../packages/app/src/talks/text-import.ts';
import type { Emit } from './emit.ts';

async function medianMs(work: () => Promise<unknown>, runs = 7): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]! * 10) / 10;
}

export async function talksDocumentCase(emit: Emit): Promise<void> {
  const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  try {
    const user = await workbench.talks.accounts.createUser(
      localAdmin,
      {
        username: 'coordinator',
        displayName: 'Coordinator',
        role: 'coordinator',
        password: 'a-long-enough-password',
      },
      { local: true },
    );
    const coordinator: Actor = { userId: user.id, role: 'coordinator' };
    const clauses = 200;
    const lines = Array.from({ length: clauses }, (_, i) => {
      const n = i + 1;
      const alternatives = Array.from(
        { length: 2 + (n % 2) },
        (_, k) =>
          `[the party concerned shall complete measure ${n}.${k + 1} within ${30 + k * 15} days of the date of implementation, as verified by the IAEA]`,
      );
      return `${n}. Measure ${n}: sequencing of the steps ${alternatives.join(' ')}`;
    });
    const group = 'sequencing';
    await importText(workbench.talks, coordinator, group, { text: lines.join('\n'), apply: true });
    // A fifth of the clauses agreed, as a text well under way would have it.
    let text = await workbench.talks.texts.text(coordinator, group);
    for (const clause of text.clauses.filter((_, i) => i % 5 === 0)) {
      text = await workbench.talks.texts.setStatus(coordinator, group, clause.id, {
        to: 'agreed',
        alternativeId: clause.alternatives[0]!.id,
        expectedVersion: clause.version,
      });
    }
    let sizes = { docx: 0, pdf: 0, json: 0 };
    const json = await medianMs(async () => {
      sizes.json = JSON.stringify(await workbench.talks.texts.text(coordinator, group)).length;
    });
    const docx = await medianMs(async () => {
      sizes = {
        ...sizes,
        docx: (await textDocument(workbench.talks, coordinator, group, 'docx')).body.length,
      };
    });
    const pdf = await medianMs(async () => {
      sizes = { ...sizes, pdf: (await textDocument(workbench.talks, coordinator, group, 'pdf')).body.length };
    });
    const peer = { case: 'the same read as JSON (baseline)', value: json, unit: 'ms', bytes: sizes.json };
    emit({
      bench: 'talks-document',
      case: `.docx of a ${clauses}-clause text for the coordinator (target < 1000 ms)`,
      value: docx,
      unit: 'ms',
      bytes: sizes.docx,
      peer,
    });
    emit({
      bench: 'talks-document',
      case: `PDF of a ${clauses}-clause text for the coordinator`,
      value: pdf,
      unit: 'ms',
      bytes: sizes.pdf,
      peer,
    });
  } finally {
    await workbench.close();
  }
}
