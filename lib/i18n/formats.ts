// The portal's date and number formats, by name, for useFormatter()/getFormatter():
// format.dateTime(date, "timestamp"). Every time is shown in the user's time zone (the
// provider's), and "zoned" names the zone where a reader could otherwise mistake it.
import type { Formats } from "next-intl";

export const FORMATS = {
  dateTime: {
    /** 4 Dec 2026, 14:05:03 — tables, logs. */
    timestamp: {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    },
    /** 4 Dec 2026, 14:05:03 CET — one time on its own, where the zone matters. */
    zoned: {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
    },
    /** 4 Dec 2026 */
    date: { day: "numeric", month: "short", year: "numeric" },
    /** 14:05 — chart axes. */
    time: { hour: "2-digit", minute: "2-digit" },
    /** 14:05 CET */
    zonedTime: { hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  },
  number: {
    amperes: { style: "unit", unit: "ampere", unitDisplay: "short" },
    kilowatts: { style: "unit", unit: "kilowatt", unitDisplay: "short", maximumFractionDigits: 1 },
    kilowattHours: {
      style: "unit",
      unit: "kilowatt-hour",
      unitDisplay: "short",
      maximumFractionDigits: 2,
    },
  },
} satisfies Formats;
