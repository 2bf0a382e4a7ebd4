// Where a process's memory goes, measured from inside: on SIGUSR2 a Plugboard process writes
// its heap figures (V8's, and the WASM memory of any embedded database it opened) to
// $PLUGBOARD_MEMORY_REPORT_DIR/<name>.json. The memory benchmark signals each process and
// reads the files; nothing is written unless that directory is set, and only someone who may
// signal the process can ask (no HTTP endpoint shows it).
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";

export interface MemoryReport {
  name: string;
  pid: number;
  at: string;
  /** process.memoryUsage(), bytes. `external` includes WASM memories. */
  usage: NodeJS.MemoryUsage;
  /** V8 heap spaces (committed bytes), by name. */
  heapSpaces: Record<string, number>;
  /** Bytes of WASM linear memory held by embedded databases (PGlite) in this process. */
  embeddedDatabaseBytes: number;
  embeddedDatabases: number;
}

interface WasmHolder {
  closed?: boolean;
  mod?: { HEAPU8?: Uint8Array };
}

// On globalThis, not in this module: the portal's server code is bundled by Next.js, so two
// copies of this module can live in one process.
const REGISTRY = Symbol.for("plugboard.embedded-databases");
type Registry = Set<WeakRef<WasmHolder>>;

function registry(): Registry {
  const global = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  global[REGISTRY] ??= new Set();
  return global[REGISTRY];
}

/** Records an open PGlite so the memory report can count its WASM memory. */
export function registerEmbeddedDatabase(database: object): void {
  registry().add(new WeakRef(database as WasmHolder));
}

export function memoryReport(name: string): MemoryReport {
  let embeddedDatabaseBytes = 0;
  let embeddedDatabases = 0;
  for (const ref of registry()) {
    const database = ref.deref();
    if (!database || database.closed) {
      registry().delete(ref);
      continue;
    }
    embeddedDatabases += 1;
    embeddedDatabaseBytes += database.mod?.HEAPU8?.byteLength ?? 0;
  }
  return {
    name,
    pid: process.pid,
    at: new Date().toISOString(),
    usage: process.memoryUsage(),
    heapSpaces: Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]),
    ),
    embeddedDatabaseBytes,
    embeddedDatabases,
  };
}

/** Answers SIGUSR2 with a report file, when PLUGBOARD_MEMORY_REPORT_DIR is set. */
export function installMemoryReport(name: string, env = process.env): void {
  const dir = env.PLUGBOARD_MEMORY_REPORT_DIR;
  if (!dir) return;
  process.on("SIGUSR2", () => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.json`);
      // Whole file, then rename: the reader never sees half a report.
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(memoryReport(name)));
      fs.renameSync(`${file}.tmp`, file);
    } catch (error) {
      console.error(`memory report: ${(error as Error).message}`);
    }
  });
}
