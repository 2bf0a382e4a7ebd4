// The time zones a site may be in: every IANA zone this runtime knows, and UTC.
let zones: string[] | null = null;

export function siteTimeZones(): string[] {
  zones ??= [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])].sort();
  return zones;
}
