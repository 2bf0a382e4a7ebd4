// ISO 8601 in a time zone, with its offset: 2026-12-04T14:05:03.120+01:00 (UTC keeps "Z").
// For files people open elsewhere (CSV exports): the reader's local time, still unambiguous.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at an instant, by part (year, month, …, timeZoneName). */
export function zonedParts(instant: Date | number, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
}

export function isoWithOffset(date: Date, timeZone = "UTC"): string {
  if (timeZone === "UTC") return date.toISOString();
  const parts = zonedParts(date, timeZone);
  // "GMT+01:00", or "GMT" for a zone at UTC+0 right now.
  const offset = parts.timeZoneName!.replace("GMT", "") || "+00:00";
  const millis = String(date.getUTCMilliseconds()).padStart(3, "0");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`;
}
