import { writeFileSync } from 'node:fs';
import { buildSequencingModel, greedyPlan, lpText } from '@lockstep/core';
import { generateScenario } from '@lockstep/core/testing';
for (const [n, phases] of [[20, 7], [20, 8], [50, 8], [50,10]]) {
  const sc = generateScenario({ measures: n, phases });
  const built = buildSequencingModel(sc, { formulation: 'step' });
  const g = greedyPlan(sc);
  const start = g ? built.phaseValues((i) => g.schedule.find((s) => s.measure === sc.measures[i]!.id)?.phase) : null;
  writeFileSync(`/tmp/x/models/s${n}x${phases}.lp`, lpText(built.model));
  writeFileSync(`/tmp/x/models/s${n}x${phases}.json`, JSON.stringify({ start, gap: 1e-6 }));
}
