// Resident memory of a process tree, read from /proc: each process's RSS and PSS, and where
// its resident pages are — file-backed (the node binary and libraries), anonymous executable
// (JIT and WASM code), anonymous data (heaps, WASM linear memory, buffers). A process is named
// by what it runs, so the figures of `npm start` read as "portal", "device manager", ….
import fs from "node:fs";

export interface ProcessMemory {
  pid: number;
  name: string;
  command: string;
  rssKiB: number;
  pssKiB: number;
  fileKiB: number;
  anonCodeKiB: number;
  anonDataKiB: number;
}

/** Every process below `root` (and root itself), found through /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields follow the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

const NAMES: Array<[RegExp, string]> = [
  // First: npm's shell holds the whole script (`tsx scripts/prepare.ts && node …supervise.mjs`).
  [/^(\/bin\/)?sh /, "sh"],
  [/supervise\.mjs/, "supervisor"],
  [/portal-server/, "portal"],
  [/device-manager/, "device-manager"],
  [/demo-csms/, "demo-csms"],
  [/virtual-charger/, "fleet"],
  [/scripts\/(start|prepare)\.ts/, "start (tsx)"],
  [/esbuild/, "esbuild"],
  [/next-server|next\/dist/, "next"],
  [/^npm|npm-cli/, "npm"],
];

export function nameOf(command: string): string {
  return NAMES.find(([pattern]) => pattern.test(command))?.[1] ?? command.slice(0, 40);
}

/** Sums of /proc/<pid>/smaps by kind of mapping, in KiB. */
export function classifySmaps(smaps: string): Omit<ProcessMemory, "pid" | "name" | "command"> {
  const totals = { rssKiB: 0, pssKiB: 0, fileKiB: 0, anonCodeKiB: 0, anonDataKiB: 0 };
  for (const block of smaps.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const [head = ""] = block.split("\n", 1);
    const fields = head.trim().split(/\s+/);
    const permissions = fields[1] ?? "";
    const inode = fields[4] ?? "0";
    const rss = Number(/\nRss:\s+(\d+)/.exec(block)?.[1] ?? 0);
    const pss = Number(/\nPss:\s+(\d+)/.exec(block)?.[1] ?? 0);
    totals.rssKiB += rss;
    totals.pssKiB += pss;
    if (inode !== "0") totals.fileKiB += rss;
    else if (permissions.includes("x")) totals.anonCodeKiB += rss;
    else totals.anonDataKiB += rss;
  }
  return totals;
}

/**
 * Whether `pid` catches SIGUSR2 (bit 12 of SigCgt): only then may it be asked for a memory
 * report, since SIGUSR2's default action ends a process.
 */
export function catchesSigusr2(pid: number): boolean {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const mask = /^SigCgt:\s+([0-9a-f]+)/m.exec(status)?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & (1n << 11n)) !== 0n;
  } catch {
    return false;
  }
}

export function processMemory(pid: number): ProcessMemory | null {
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    const totals = classifySmaps(fs.readFileSync(`/proc/${pid}/smaps`, "utf8"));
    return { pid, name: nameOf(command), command: command.slice(0, 160), ...totals };
  } catch {
    return null; // ended meanwhile
  }
}

export function treeMemory(root: number): ProcessMemory[] {
  return processTree(root)
    .map(processMemory)
    .filter((entry): entry is ProcessMemory => entry !== null);
}

/** Least-squares slope of `values` over `timesS`, per hour. */
export function slopePerHour(timesS: number[], values: number[]): number {
  const n = timesS.length;
  if (n < 2) return 0;
  const meanT = timesS.reduce((a, b) => a + b, 0) / n;
  const meanV = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (timesS[i]! - meanT) * (values[i]! - meanV);
    den += (timesS[i]! - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3600;
}
