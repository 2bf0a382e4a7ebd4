/** The rows of `db.execute`, the same shape from node-postgres and PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
