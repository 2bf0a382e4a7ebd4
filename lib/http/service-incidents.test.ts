import { describe, expect, it } from "vitest";
import { getTranslator } from "@/lib/i18n/translate";
import { describeServiceIncidents } from "./service-incidents";
import type { ServicesStatus } from "./service-status";

const now = new Date("2026-12-04T10:30:00Z");
const service = (
  fields: Partial<ServicesStatus["services"][number]>,
): ServicesStatus["services"][number] => ({
  name: "device-manager",
  state: "running",
  restarts: 0,
  lastExit: null,
  ...fields,
});
const status = (...services: ServicesStatus["services"]): ServicesStatus => ({
  updatedAt: now.toISOString(),
  services,
});

describe("service incidents shown in the portal", () => {
  it("says nothing without a supervisor or when every service runs as started", () => {
    expect(describeServiceIncidents(null, now)).toEqual([]);
    expect(describeServiceIncidents(status(service({}), service({ name: "fleet" })), now)).toEqual(
      [],
    );
  });

  it("warns while a service is being restarted", async () => {
    const [incident] = describeServiceIncidents(
      status(service({ state: "restarting", restarts: 1 })),
      now,
    );
    expect(incident).toMatchObject({ service: "device-manager", tone: "warning" });
    expect((await getTranslator("en")).text(incident!.message)).toContain(
      "The device manager stopped unexpectedly",
    );
  });

  it("reports a recent restart with its time and count, and forgets it after ten minutes", async () => {
    const lastExit = { at: "2026-12-04T10:25:00Z", code: null, signal: "SIGKILL" };
    const [recent] = describeServiceIncidents(status(service({ restarts: 2, lastExit })), now);
    expect((await getTranslator("en")).text(recent!.message)).toContain(
      "at 10:25 UTC and was restarted (2 times since start)",
    );
    expect((await getTranslator("fr", "Europe/Paris")).text(recent!.message)).toContain(
      "11:25 UTC+1",
    );
    const later = new Date("2026-12-04T10:36:00Z");
    expect(describeServiceIncidents(status(service({ restarts: 2, lastExit })), later)).toEqual([]);
  });
});
