// The memory report as the benchmark uses it: a real process, signalled, writes its figures,
// including the WASM memory of the embedded database it opened.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { initialiseInChildProcess, openDatabase } from "./database";
import type { MemoryReport } from "./memory-report";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "memory-report-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A drizzle migrations folder with no migration in it. */
function emptyMigrations(): string {
  const folder = fs.mkdtempSync(path.join(dir, "migrations-"));
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(
    path.join(folder, "meta", "_journal.json"),
    JSON.stringify({ version: "7", dialect: "postgresql", entries: [] }),
  );
  return folder;
}

const PROBE = path.join(import.meta.dirname, "testing", "memory-report-probe.ts");

describe("memory report", () => {
  it("answers SIGUSR2 with its heap and embedded-database figures; PGlite runs with 16 MB of shared buffers", async () => {
    const migrations = emptyMigrations();
    const child = spawn(process.execPath, ["--import", "tsx", PROBE], {
      env: { ...process.env, PLUGBOARD_MEMORY_REPORT_DIR: dir, MIGRATIONS: migrations },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()));
        child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
      });
      expect(firstLine).toContain('"shared_buffers":"16MB"');
      child.kill("SIGUSR2");
      const file = path.join(dir, "probe.json");
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(file) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const report = JSON.parse(fs.readFileSync(file, "utf8")) as MemoryReport;
      expect(report.name).toBe("probe");
      expect(report.pid).toBe(child.pid);
      expect(report.usage.rss).toBeGreaterThan(report.usage.heapUsed);
      expect(report.embeddedDatabases).toBe(1);
      // PGlite's module declares 128 MiB of linear memory at least.
      expect(report.embeddedDatabaseBytes).toBeGreaterThanOrEqual(128 * 1024 * 1024);
      expect(Object.keys(report.heapSpaces)).toContain("old_space");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});

describe("a fresh embedded database", () => {
  it("is created by a child process (its initdb memory goes back), then opens here with our settings", async () => {
    const dataDir = path.join(dir, "fresh-db");
    fs.mkdirSync(dataDir);
    expect(await initialiseInChildProcess(dataDir)).toBe("created");
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(await initialiseInChildProcess(dataDir)).toBe("existed");
    const handle = await openDatabase({
      dataDir,
      schema: {},
      migrationsFolder: emptyMigrations(),
    });
    try {
      const result = (await handle.db.execute("show shared_buffers")) as unknown as {
        rows: Array<{ shared_buffers: string }>;
      };
      expect(result.rows[0]?.shared_buffers).toBe("16MB");
    } finally {
      await handle.close();
    }
  }, 60_000);
});
