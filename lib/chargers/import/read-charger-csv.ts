// Reads an import file into rows: csv-parse does the CSV (quotes, CRLF, a byte-order mark),
// this file names the columns and refuses a file that is not one before any row is looked at.
import { CsvError, parse } from "csv-parse/sync";
import { msg, type Message } from "@/lib/i18n/message";

/** The columns of an import file; a header may write them in any case, with spaces. */
export const IMPORT_COLUMNS = ["serial_number", "puk", "part_number", "name", "site"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly ImportColumn[] = ["serial_number", "part_number", "name"];

/** A file larger than this is refused whole (about 10,000 rows of a real fleet). */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ROWS = 5_000;

export interface ImportRow {
  /** The file's line number of the record (the header is line 1). */
  line: number;
  values: Record<ImportColumn, string>;
}

export type ReadResult = { ok: true; rows: ImportRow[] } | { ok: false; error: Message };

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

export function readChargerCsv(text: string): ReadResult {
  if (Buffer.byteLength(text, "utf8") > IMPORT_MAX_BYTES) {
    return {
      ok: false,
      error: msg("import.errors.tooLarge", { megabytes: IMPORT_MAX_BYTES / 1e6 }),
    };
  }
  // A NUL never belongs in a text file: what holds one is not a CSV file.
  if (text.includes("\u0000")) return { ok: false, error: msg("import.errors.notText") };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      const reason =
        error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
          ? "fieldCount"
          : error.code === "CSV_QUOTE_NOT_CLOSED" || error.code === "CSV_INVALID_CLOSING_QUOTE"
            ? "quote"
            : "other";
      return { ok: false, error: msg(`import.errors.malformed.${reason}`, { line }) };
    }
    throw error;
  }
  const [first, ...data] = records;
  if (!first) return { ok: false, error: msg("import.errors.empty") };
  const header = first.record;
  const columns = header.map(normalise);
  const unknown = header.filter(
    (_, i) => !(IMPORT_COLUMNS as readonly string[]).includes(columns[i]!),
  );
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || missing.length || repeated.length) {
    return {
      ok: false,
      error: msg("import.errors.columns", {
        expected: IMPORT_COLUMNS.join(", "),
        found: header
          .map((h) => h.trim())
          .join(", ")
          .slice(0, 200),
      }),
    };
  }
  if (data.length === 0) return { ok: false, error: msg("import.errors.noRows") };
  if (data.length > IMPORT_MAX_ROWS) {
    return { ok: false, error: msg("import.errors.tooManyRows", { maximum: IMPORT_MAX_ROWS }) };
  }
  return {
    ok: true,
    rows: data.map(({ record, info }) => ({
      // The line where the record ends, as csv-parse counts (blank lines included).
      line: info.lines,
      values: Object.fromEntries(
        IMPORT_COLUMNS.map((column) => {
          const at = columns.indexOf(column);
          return [column, at === -1 ? "" : (record[at] ?? "").trim()];
        }),
      ) as Record<ImportColumn, string>,
    })),
  };
}
