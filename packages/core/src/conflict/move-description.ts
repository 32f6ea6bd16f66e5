import type { CompiledConflict, ConflictState } from './compile-conflict.ts';

/** One option changed by a move. */
export interface OptionChange {
  /** The option's id and name. */
  readonly option: string;
  readonly name: string;
  readonly from: 'Y' | 'N';
  readonly to: 'Y' | 'N';
}

/** One move: who moves, from which state to which (ids), and which of its options change. */
export interface MoveStep {
  /** The DM's id and name; for a joint move by several DMs, their ids and names joined by ` + `. */
  readonly dm: string;
  readonly dmName: string;
  readonly from: number;
  readonly to: number;
  readonly changes: OptionChange[];
}

/** The options that differ between two states (by index), in numbering order. */
export function optionChanges(compiled: CompiledConflict, from: number, to: number): OptionChange[] {
  const a = compiled.states[from]!.decimal;
  const b = compiled.states[to]!.decimal;
  return compiled.options.flatMap((option) => {
    const flag = 1 << option.bit;
    if ((a & flag) === (b & flag)) return [];
    const change: OptionChange = {
      option: option.id,
      name: option.name,
      from: (a & flag) !== 0 ? 'Y' : 'N',
      to: (b & flag) !== 0 ? 'Y' : 'N',
    };
    return [change];
  });
}

/** A move by DM index `dm` (or several DMs moving jointly) from state index `from` to `to`. */
export function moveStep(
  compiled: CompiledConflict,
  dms: readonly number[],
  from: number,
  to: number,
): MoveStep {
  const movers = dms.map((d) => compiled.decisionMakers[d]!);
  return {
    dm: movers.map((dm) => dm.id).join(' + '),
    dmName: movers.map((dm) => dm.name).join(' + '),
    from: from + 1,
    to: to + 1,
    changes: optionChanges(compiled, from, to),
  };
}

/**
 * "takes “Blockade” and withdraws “Air strike”": what a move does, in words. Option names are quoted: a model
 * may name an option by a sentence ("Iran returns to the JCPOA limits"), which reads wrongly unquoted.
 */
export function describeChanges(changes: readonly OptionChange[]): string {
  const taken = changes.filter((change) => change.to === 'Y').map((change) => `“${change.name}”`);
  const dropped = changes.filter((change) => change.to === 'N').map((change) => `“${change.name}”`);
  const parts = [
    ...(taken.length > 0 ? [`takes ${listInWords(taken)}`] : []),
    ...(dropped.length > 0 ? [`withdraws ${listInWords(dropped)}`] : []),
  ];
  return parts.join(' and ');
}

/** "US takes “Blockade” (state 2 → state 4)". */
export function describeMove(step: MoveStep): string {
  return `${step.dmName} ${describeChanges(step.changes)} (state ${step.from} → state ${step.to})`;
}

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "state 3 (Air strike, Escalate taken)" or "state 1 (no option taken)". */
export function describeState(compiled: CompiledConflict, state: ConflictState): string {
  const taken = compiled.options.filter((option) => (state.decimal & (1 << option.bit)) !== 0);
  return `state ${state.id} (${taken.length === 0 ? 'no option taken' : `${taken.map((option) => option.name).join(', ')} taken`})`;
}
