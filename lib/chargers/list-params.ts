// The charger list's URL parameters, parsed leniently: a bad value falls back to the default.
import { z } from "zod";
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";
import { STATUS_FILTERS } from "./status";

/** The error reasons the list filters by: each known reason, and "unknown" for the others. */
export const REASON_FILTERS = [...OCPP_ERROR_REASONS, "unknown"] as const;

export const SORT_KEYS = ["name", "serial", "lastSeen"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const schema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined),
  model: z.enum(["CPB1", "PLP1", "PUP1", "CMX2"]).optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  /** A site's id, or "none" for chargers on no site. */
  site: z
    .union([z.literal("none"), z.string().uuid()])
    .optional()
    .catch(undefined),
  /** An OCPP error reason (ocpp.reasons.<key>), "unknown" for one without words. */
  reason: z.enum(REASON_FILTERS).optional().catch(undefined),
  sort: z.enum(SORT_KEYS).default("name").catch("name"),
  order: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  cursor: z.string().max(500).optional().catch(undefined),
  direction: z.enum(["after", "before"]).default("after").catch("after"),
});

export type ListChargersParams = z.infer<typeof schema>;

export function parseListParams(
  searchParams: Record<string, string | string[] | undefined>,
): ListChargersParams {
  const flat = Object.fromEntries(
    Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  return schema.parse(flat);
}

/** A URL for the list with some parameters changed (undefined removes one). */
export function listHref(
  params: Partial<ListChargersParams>,
  changes: Partial<Record<keyof ListChargersParams, string | undefined>>,
): string {
  const merged: Record<string, string | undefined> = { ...params, ...changes };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === "name") continue;
    if (key === "order" && value === "asc") continue;
    if (key === "direction" && value === "after") continue;
    query.set(key, value);
  }
  const text = query.toString();
  return text ? `/chargers?${text}` : "/chargers";
}
