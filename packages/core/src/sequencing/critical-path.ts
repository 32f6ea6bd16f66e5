import { relationOrder, relationsFrom } from './relation-order.ts';
import type { SequencingScenario } from './scenario.ts';
import { anchorOffset } from './schedule.ts';

/**
 * The longest chain through the relations, from the earliest day every measure can start when phases are
 * ignored: its days are the shortest any plan can be (phases can only make a plan longer), and its measures
 * the chain that sets them. Measures
 * are taken in relation order (`relationOrder`), so one pass settles every start day whatever the length of
 * the chain; of chains equally long, the one found first is named.
 */
export function criticalPath(scenario: SequencingScenario): { days: number; measures: string[] } {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const start = new Map(scenario.measures.map((m) => [m.id, 0]));
  const previous = new Map<string, string>();
  const from = relationsFrom(scenario.relations);
  for (const id of relationOrder(
    scenario.measures.map((m) => m.id),
    scenario.relations,
  )) {
    for (const r of from.get(id) ?? []) {
      const day = start.get(id)! + anchorOffset(byId.get(id)!, r.anchor) + r.lagDays;
      if (day > start.get(r.after)!) {
        start.set(r.after, day);
        previous.set(r.after, id);
      }
    }
  }
  let last: string | undefined;
  let days = 0;
  for (const m of scenario.measures) {
    const complete = start.get(m.id)! + m.durationDays;
    if (last === undefined || complete > days) {
      last = m.id;
      days = complete;
    }
  }
  const chain: string[] = [];
  for (let id = last; id !== undefined; id = previous.get(id)) chain.push(id);
  return { days, measures: chain.reverse() };
}
