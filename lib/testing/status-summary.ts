// A charger's live status summary for component tests; each call is its own charger, as the
// live status is cached per charger.
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";

let chargers = 0;

export const statusSummary = (
  overrides: Partial<ChargerStatusSummary> = {},
): ChargerStatusSummary => ({
  id: `charger-${++chargers}`,
  online: true,
  lifecycle: "running",
  ocppCapable: true,
  ocppStatus: "connected",
  ocppReason: null,
  ocppMessage: null,
  ocppStatusAt: "2026-12-04T13:07:00Z",
  lastSeenAt: "2026-12-04T13:07:00Z",
  firmwareVersion: "6.2.14",
  ocppEnabled: true,
  desiredConfigVersion: 1,
  appliedConfigVersion: 1,
  hmi: null,
  reportedFeatures: null,
  seq: 1,
  steps: [],
  ...overrides,
});
