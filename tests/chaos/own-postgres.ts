// A PostgreSQL server of the chaos suite's own, from Debian's binaries (never the shared one,
// which other work uses): initdb into a temporary directory, start, crash (kill -9 of the
// postmaster, so the restart runs crash recovery), start again, and remove at the end.
// PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface OwnPostgres {
  url(database: string): string;
  crashAndRestart(): Promise<number>;
  stop(): void;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = path.join(root, version, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error("PostgreSQL's server binaries are not installed (apt-get install postgresql)");
}

export function startOwnPostgres(port: number): OwnPostgres {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, command), ...args], {
          stdio: "pipe",
        })
      : execFileSync(path.join(bin, command), args, { stdio: "pipe" });
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
      "-w",
      "start",
    ]);
  start();
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async crashAndRestart() {
      const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      // The whole server at once, as a power cut would: the postmaster and every backend.
      let children: number[] = [];
      try {
        children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
          .split("\n")
          .filter(Boolean)
          .map(Number);
      } catch {
        // no children
      }
      for (const child of [pid, ...children]) {
        try {
          process.kill(child, "SIGKILL");
        } catch {
          // already gone
        }
      }
      // The postmaster's children notice its death and exit; then a new server can start.
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      fs.rmSync(path.join(data, "postmaster.pid"), { force: true });
      const started = Date.now();
      start();
      return Date.now() - started;
    },
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
