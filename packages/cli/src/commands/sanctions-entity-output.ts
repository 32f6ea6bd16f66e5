import type { EntityResult } from '@lockstep/contract';

/**
 * How `lockstep sanctions entity` prints its answer for a reader: each match with its score, the name that
 * matched and where it comes from, why, and the party's designations, history and category under each
 * position. Its own module, imported alone by the one-shot answer from a kept pack (fast-entity.ts).
 */
export function printEntityResult(out: (text: string) => void, r: EntityResult): void {
  out(`Matches for "${r.query}" in ${r.snapshot.dataset} (${r.snapshot.date}):\n`);
  if (r.matches.length === 0)
    out(
      `  no candidate at or above the floor of ${r.minScore}: none of the stored names comes near enough (lower it with --min-score)\n`,
    );
  for (const m of r.matches) {
    out(
      `\n${m.score.toFixed(3)}  ${m.name}  [${m.programs.join('] [')}]  entry ${m.entryNumber}, ${m.type}${m.layered ? ', LAYERED' : ''}\n` +
        `       matched ${m.nameSource ?? m.matchedAs}${m.aliasType ? ` (${m.aliasType})` : ''}: ${m.matchedName}\n` +
        m.why.map((w) => `       ${w}\n`).join(''),
    );
    if (m.lineage.length > 1) out(`       earlier entry numbers: ${m.lineage.slice(0, -1).join(', ')}\n`);
    for (const d of m.designations) out(`       ${d.program}: imposed ${d.imposed ?? 'date unknown'}\n`);
    for (const d of m.pastDesignations) out(`       was ${d.program}: ${d.how}, ${d.ended}\n`);
    out(
      `       timeline: ${m.timeline.map((t) => `${t.snapshot.replace(/^ofac-/, '')} ${t.programs ? t.programs.join('+') : '-'}`).join(' | ')}\n`,
    );
    for (const p of m.positions) {
      out(`       ${p.position}: ${p.relieved ? 'relieved' : 'not relieved'}\n`);
      for (const c of p.classifications)
        out(`         ${c.program} -> ${c.category} (${c.rule}: ${c.reason})\n`);
    }
  }
}
