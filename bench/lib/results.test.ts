import { describe, expect, it } from "vitest";
import { renderResultsMarkdown, renderTable, type BenchResult } from "./results";

function result(overrides: Partial<BenchResult>): BenchResult {
  return {
    name: "dm-density",
    title: "Device manager density",
    mode: "full",
    startedAt: "2026-11-26T10:00:00.000Z",
    durationS: 12,
    machine: {
      cpuModel: "Test CPU",
      cores: 2,
      ramGiB: 24,
      node: "v20",
      os: "Linux",
      postgres: "15",
      openFileLimit: 20000,
    },
    loadAverageAtStart: [0.1, 0.2, 0.3],
    metrics: [],
    details: {},
    notes: [],
    ...overrides,
  };
}

describe("benchmark results table", () => {
  it("orders benchmarks as the issue numbers them and says met, missed or informational", () => {
    const table = renderTable([
      result({
        name: "fleet-density",
        title: "Virtual charger density",
        metrics: [
          { target: 6, label: "boot", goal: "< 10 s", measured: "12 s", value: 12, met: false },
        ],
      }),
      result({
        metrics: [
          {
            target: 1,
            label: "largest",
            goal: "toward 100,000",
            measured: "19,923",
            value: 19923,
            met: null,
          },
          { target: 1, label: "memory", goal: "≤ 16 KiB", measured: "8 KiB", value: 8, met: true },
        ],
      }),
    ]);
    const rows = table.split("\n").slice(2);
    expect(rows).toEqual([
      "| 1. Device manager density — largest | toward 100,000 | 19,923 | — |",
      "| 1. Device manager density — memory | ≤ 16 KiB | 8 KiB | yes |",
      "| 6. Virtual charger density — boot | < 10 s | 12 s | **no** |",
    ]);
  });

  it("shows a benchmark that failed to run as missed, with its error", () => {
    const table = renderTable([result({ error: "boom | bad\nstack" })]);
    expect(table).toContain("failed: boom / bad | **no** |");
  });

  it("writes the machine, the runs and the notes into RESULTS.md", () => {
    const markdown = renderResultsMarkdown([result({ notes: ["capped by the open-file limit"] })]);
    expect(markdown).toContain("Machine: Test CPU, 2 cores, 24 GiB RAM");
    expect(markdown).toContain("| dm-density | 2026-11-26 10:00 UTC | 12 s | 0.1 0.2 0.3 |");
    expect(markdown).toContain("- **dm-density**: capped by the open-file limit");
  });

  it("says how many processes of each kind a benchmark ran", () => {
    const markdown = renderResultsMarkdown([
      result({ details: { processes: { deviceManagers: 7, fleetShards: 14, csmsWorkers: 7 } } }),
    ]);
    expect(markdown).toContain(
      "- **dm-density**: processes: 7 device managers, 14 fleet shards, 7 csms workers",
    );
  });
});
