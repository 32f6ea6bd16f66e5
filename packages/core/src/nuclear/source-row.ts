/**
 * Where a figure came from: the dataset, the file, the 1-based line in it and the row's own source text.
 * Every figure the nuclear model shows carries one, so a user can go from any number to its row.
 */
export interface SourceRow {
  /** The dataset's stable name (`iaea-enriched-uranium-stockpile`), as in data/datasets.json. */
  readonly dataset: string;
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line of the row in the file (the header is line 1). */
  readonly line: number;
  /** The row's source column: who published the figure and where it was found. */
  readonly source: string;
  /** The row's note column (derivations, conflicts, approximations), or null when empty or absent. */
  readonly note: string | null;
}

/** A row reference for messages: `iaea-enriched-uranium-stockpile.csv line 11`. */
export function describeSourceRow(row: SourceRow): string {
  return `${row.file} line ${row.line}`;
}
