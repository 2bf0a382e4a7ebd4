// The resident memory of a process and all its descendants (the demo central system's primary
// and its cluster workers), read from /proc.
import fs from "node:fs";
import { readRssKiB } from "./children";

/** Pids of every process below `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the command may hold spaces and parentheses, the last ")" ends it
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process exited while being read
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf)
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
  }
  return found;
}

export function descendantsRssKiB(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + Math.max(0, readRssKiB(p)), 0);
}
