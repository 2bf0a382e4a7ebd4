// Before/after of an audit entry as field-by-field rows for people. Secrets are redacted on
// write already; a key named like one is still never shown, whatever it holds.
import { isSecretKey, REDACTED } from "./redact";

export interface ChangeRow {
  field: string;
  before: string | null;
  after: string | null;
}

/** A value as short text; nested objects are redacted again and shown as JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(redactForDisplay(value));
}

/** Like redactSecrets, but a secret key is hidden even when it holds null. */
export function redactForDisplay(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForDisplay);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? REDACTED : redactForDisplay(v)]),
    );
  }
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** Whether before/after are single values rather than fields: one row, its field "value". */
export function isWholeValueChange(before: unknown, after: unknown): boolean {
  return !isRecord(before) && !isRecord(after);
}

/** One row per field present before or after, in first-seen order. */
export function describeChange(before: unknown, after: unknown): ChangeRow[] {
  if (isWholeValueChange(before, after)) {
    if (before == null && after == null) return [];
    return [{ field: "value", before: cell(before), after: cell(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: isSecretKey(field) && field in b ? REDACTED : cell(b[field], field in b),
    after: isSecretKey(field) && field in a ? REDACTED : cell(a[field], field in a),
  }));
}

function cell(value: unknown, present = value !== undefined): string | null {
  return present ? formatAuditValue(value) : null;
}
