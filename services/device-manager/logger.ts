// Minimal structured logger. Callers pass identifiers only (serial, command id), never
// secrets: tokens, device secrets and OCPP passwords are not handed to it anywhere.
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// Lines are written once per event-loop turn, not one write per line: a reconnect storm logs
// thousands of connections a second, and each write to a pipe is a system call.
const pending = new Map<NodeJS.WriteStream, string[]>();
let flushScheduled = false;

function emit(stream: NodeJS.WriteStream, line: string): void {
  const lines = pending.get(stream);
  if (lines) lines.push(line);
  else pending.set(stream, [line]);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLogs);
  }
}

/** Writes the lines still buffered (also at exit, so none is lost on a clean stop). */
export function flushLogs(): void {
  flushScheduled = false;
  for (const [stream, lines] of pending) stream.write(lines.join("\n") + "\n");
  pending.clear();
}

process.on("exit", flushLogs);

export function createLogger(level: LogLevel = "info", name = "device-manager"): Logger {
  const write = (at: Exclude<LogLevel, "silent">) => (message: string, fields?: LogFields) => {
    if (ORDER[at] < ORDER[level]) return;
    const extra = fields
      ? " " +
        Object.entries(fields)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => `${key}=${value}`)
          .join(" ")
      : "";
    const line = `[${name}] ${at} ${message}${extra}`;
    emit(at === "error" || at === "warn" ? process.stderr : process.stdout, line);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** A printable error message; drizzle's "Failed query" text carries parameters, so use its cause. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith("Failed query") && error.cause instanceof Error)
    return error.cause.message;
  return error.message;
}
