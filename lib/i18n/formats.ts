// The portal's date and number formats, by name, for useFormatter()/getFormatter():
// format.dateTime(date, "timestamp"). Every time is shown in the user's time zone (the
// provider's), and "zoned" names the zone where a reader could otherwise mistake it. Times are
// on the 24-hour clock in every language, English included: the portal's English is British
// ("organisation") and its users are European operators, for whom "2:00 PM" reads as foreign.
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
      hourCycle: "h23",
    },
    /** 4 Dec 2026, 14:05:03 CET — one time on its own, where the zone matters. */
    zoned: {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    },
    /** 4 Dec 2026 */
    date: { day: "numeric", month: "short", year: "numeric" },
    /** 14:05 — chart axes. */
    time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    /** 14:05 CET */
    zonedTime: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  },
  // No unit formats: Intl has no kilowatt, kilowatt-hour or ampere unit (it throws); units are
  // written in the messages beside a plain number ("{energy} kWh").
} satisfies Formats;
