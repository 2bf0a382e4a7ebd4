// Minimal structured logger. Callers pass identifiers only (serial, command id), never
// secrets: tokens, device secrets and OCPP passwords are not handed to it anywhere.
import { writeLine } from "@plugboard/node-runtime";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export { flushLines as flushLogs } from "@plugboard/node-runtime";

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
    writeLine(line, at === "error" || at === "warn" ? process.stderr : process.stdout);
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
