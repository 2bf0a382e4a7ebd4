import { describe, expect, it } from "vitest";
import type { JobProgress } from "./job-progress";
import { ITEM_STEPS, type ItemStep } from "./item-progress";
import { stepsOf, withSteps } from "./job-steps";

const counts = Object.fromEntries(ITEM_STEPS.map((s) => [s, 0])) as Record<ItemStep, number>;
const item = (n: number, step: ItemStep, reason: string | null = null) => ({
  chargerId: `c${n}`,
  serialNumber: `S${n}`,
  name: `Charger ${n}`,
  identity: `ID-${n}`,
  step,
  reason,
});
const progress: JobProgress = {
  job: {
    id: "job",
    status: "running",
    settings: { enabled: true, url: "ws://x.test", identityTemplate: "{serial}", password: "kept" },
    ratePerSecond: 10,
    concurrency: 10,
    createdByEmail: "a@x.test",
    createdAt: "2026-12-05T00:00:00.000Z",
    finishedAt: null,
  },
  counts: { ...counts, queued: 1, sent: 1, skipped: 1 },
  total: 3,
  items: [item(1, "queued"), item(2, "sent"), item(3, "skipped", "Not OCPP-capable")],
};

describe("a job's steps", () => {
  it("reads the whole job back from its steps", () => {
    expect(withSteps(progress.items, stepsOf(progress))).toEqual(progress.items);
  });

  it("moves each charger to its refetched step and reason, keeping its name", () => {
    const later = stepsOf({
      ...progress,
      items: [item(1, "connected"), item(2, "error", "Refused"), item(3, "skipped", "Not OCPP")],
    });
    expect(withSteps(progress.items, later)).toEqual([
      item(1, "connected"),
      item(2, "error", "Refused"),
      item(3, "skipped", "Not OCPP"),
    ]);
  });

  it("says when the refetch describes other chargers", () => {
    const fewer = stepsOf({ ...progress, items: progress.items.slice(1), total: 2 });
    expect(withSteps(progress.items, fewer)).toBeNull();
  });
});
