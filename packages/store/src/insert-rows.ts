import type { SqlExecutor } from './database.ts';

/** PostgreSQL accepts at most 65,535 parameters in one statement. */
const maxParameters = 65_535;

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Inserts rows with multi-row `INSERT ... VALUES` statements, as many rows per statement as the parameter
 * limit allows (row-by-row inserts into PGlite run about ten times slower). `columns` and `table` are SQL
 * identifiers written by us, never user input; values are always passed as parameters.
 */
export async function insertRows(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  for (const name of [table, ...columns]) {
    if (!identifier.test(name)) throw new RangeError(`invalid SQL identifier "${name}"`);
  }
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      if (row.length !== columns.length) {
        throw new RangeError(`a row for ${table} has ${row.length} values for ${columns.length} columns`);
      }
      const placeholders = row.map((_, i) => `$${params.length + i + 1}`);
      params.push(...row);
      return `(${placeholders.join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
