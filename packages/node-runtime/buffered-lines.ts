// Log lines are written once per event-loop turn, not one write per line: a fleet booting
// thousands of chargers or a reconnect storm logs thousands of lines a second, and on Linux
// each write to a pipe is a blocking system call (it was a sixth of a booting fleet's time).
const pending = new Map<NodeJS.WritableStream, string[]>();
let flushScheduled = false;

/** Queues `line` for `stream` (stdout by default); written at the end of this loop turn. */
export function writeLine(line: string, stream: NodeJS.WritableStream = process.stdout): void {
  const lines = pending.get(stream);
  if (lines) lines.push(line);
  else pending.set(stream, [line]);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLines);
  }
}

/** Writes the lines still buffered (also at exit, so none is lost on a clean stop). */
export function flushLines(): void {
  flushScheduled = false;
  for (const [stream, lines] of pending) stream.write(lines.join("\n") + "\n");
  pending.clear();
}

process.on("exit", flushLines);
