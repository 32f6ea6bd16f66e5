/** One benchmark figure: what was measured, its value and unit, and the peer or baseline from the same run. */
export interface BenchLine {
  readonly bench: string;
  readonly case: string;
  readonly value: number;
  readonly unit: string;
  readonly peer?: unknown;
  /** Further context of the figure (sizes, status, gap, the generator's parameters). */
  readonly [field: string]: unknown;
}

/** Prints one benchmark figure as a JSON line. */
export type Emit = (line: BenchLine) => void;

/** The `Emit` of `npm run bench`: one JSON line per figure on stdout. */
export const emit: Emit = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
