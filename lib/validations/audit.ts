// The audit log's filters, read from the URL by the page and by the CSV export alike. Parsed
// leniently, like the charger list: a bad value is dropped, never an error page.
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (2024-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined);

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .optional()
  .catch(undefined);

const day = z.string().refine(isCalendarDay).optional().catch(undefined);

export const auditFiltersSchema = z.object({
  /** Part of a charger's serial number or name. */
  charger: text(100),
  chargerId: uuid,
  /** Part of the acting user's email. */
  user: text(254),
  action: z
    .string()
    .regex(/^[a-z0-9._-]{1,64}$/i)
    .optional()
    .catch(undefined),
  /** Whole UTC days, both included. */
  from: day,
  to: day,
  /** Support only: one organisation (others are always limited to their own). */
  organization: uuid,
});

export const auditListParamsSchema = auditFiltersSchema.extend({
  cursor: z.string().max(500).optional().catch(undefined),
  direction: z.enum(["after", "before"]).default("after").catch("after"),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export type AuditListParams = z.infer<typeof auditListParamsSchema>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function flatten(raw: RawParams): Record<string, string | undefined> {
  if (raw instanceof URLSearchParams) return Object.fromEntries(raw.entries());
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export function parseAuditListParams(raw: RawParams): AuditListParams {
  return auditListParamsSchema.parse(flatten(raw));
}

export function parseAuditFilters(raw: RawParams): AuditFilters {
  return auditFiltersSchema.parse(flatten(raw));
}

/** The query string for some filters (empty ones left out), e.g. for links and the export. */
export function auditQueryString(params: Partial<AuditListParams>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    if (key === "direction" && value === "after") continue;
    query.set(key, value);
  }
  const textValue = query.toString();
  return textValue ? `?${textValue}` : "";
}
