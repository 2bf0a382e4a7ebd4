import { describe, expect, it } from "vitest";
import type { ItemStep } from "./item-progress";
import { jobItemsPage } from "./job-items-page";

const items = Array.from({ length: 250 }, (_, i) => ({
  n: i + 1,
  step: (i % 5 === 0 ? "error" : "connected") as ItemStep,
}));

describe("a page of a job's chargers", () => {
  it("shows a hundred at a time, in the job's order", () => {
    const first = jobItemsPage(items, null, 0);
    expect(first).toMatchObject({ from: 1, to: 100, total: 250, index: 0, pages: 3 });
    expect(first.rows.map((r) => r.n)).toEqual(items.slice(0, 100).map((r) => r.n));
    const last = jobItemsPage(items, null, 2);
    expect(last).toMatchObject({ from: 201, to: 250, index: 2 });
    expect(last.rows).toHaveLength(50);
  });

  it("shows only the chargers at the chosen step", () => {
    const errors = jobItemsPage(items, "error", 0);
    expect(errors).toMatchObject({ from: 1, to: 50, total: 50, pages: 1 });
    expect(errors.rows.every((r) => r.step === "error")).toBe(true);
  });

  it("falls back to the last page when chargers leave the step shown", () => {
    expect(jobItemsPage(items, "error", 4)).toMatchObject({ index: 0, from: 1, to: 50 });
    expect(jobItemsPage(items, null, -3)).toMatchObject({ index: 0, from: 1 });
  });

  it("shows an empty step as one empty page", () => {
    expect(jobItemsPage(items, "queued", 0)).toMatchObject({
      rows: [],
      from: 0,
      to: 0,
      total: 0,
      pages: 1,
    });
  });
});
