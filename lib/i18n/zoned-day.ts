// Where a calendar day begins in a time zone, as an instant: "from 3 March" in Paris starts at
// 23:00 UTC the day before. A day is not always 24 hours (DST), so the next day's start is
// computed the same way rather than added.
import { zonedParts } from "./iso-offset";

/** The wall clock in `timeZone` at `instant`, as if it were UTC (ms). */
export function wallClock(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
}

/** The first instant of `day` (YYYY-MM-DD) in `timeZone`. */
export function startOfDay(day: string, timeZone = "UTC"): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, date);
  // The zone's offset near that midnight, then once more at the result: the offset there may
  // differ when the clocks change that night.
  let instant = midnight - (wallClock(midnight, timeZone) - midnight);
  instant = midnight - (wallClock(instant, timeZone) - instant);
  // A zone whose clocks jump over midnight (e.g. America/Santiago): the day starts at the
  // first instant that is on it.
  if (wallClock(instant, timeZone) < midnight) instant += midnight - wallClock(instant, timeZone);
  return new Date(instant);
}

/** The first instant after `day` (YYYY-MM-DD) in `timeZone`: the end of a day, excluded. */
export function startOfNextDay(day: string, timeZone = "UTC"): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return startOfDay(next, timeZone);
}
