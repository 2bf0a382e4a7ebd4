import { describe, expect, it } from "vitest";
import { formatAge, networkLabel } from "./format";

describe("format", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("says how old a time is", () => {
    expect(formatAge(null, now)).toBe("Never");
    expect(formatAge(new Date("2026-01-01T11:59:30Z"), now)).toBe("30 s ago");
    expect(formatAge(new Date("2026-01-01T11:50:00Z"), now)).toBe("10 min ago");
    expect(formatAge(new Date("2026-01-01T09:00:00Z"), now)).toBe("3 h ago");
    expect(formatAge(new Date("2025-12-25T12:00:00Z"), now)).toBe("7 days ago");
  });
  it("names networks", () => {
    expect(networkLabel("mobile")).toBe("Mobile (4G)");
  });
});
