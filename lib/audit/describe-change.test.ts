import { describe, expect, it } from "vitest";
import { describeChange, formatAuditValue } from "./describe-change";

describe("describeChange", () => {
  it("lists every field before and after", () => {
    expect(describeChange({ plan: "basic" }, { plan: "standard" })).toEqual([
      { field: "plan", before: "basic", after: "standard" },
    ]);
    expect(describeChange(null, { name: "Bay 1", vpn: false })).toEqual([
      { field: "name", before: null, after: "Bay 1" },
      { field: "vpn", before: null, after: "false" },
    ]);
    expect(describeChange(null, null)).toEqual([]);
  });

  it("never shows what a secret-named key holds, even if it was stored unredacted", () => {
    const rows = describeChange(
      { password: "old-secret", url: "ws://x" },
      { password: "new-secret", nested: { authorizationKey: "k", apiToken: null } },
    );
    expect(JSON.stringify(rows)).not.toMatch(/old-secret|new-secret|"k"/);
    expect(rows[0]).toEqual({ field: "password", before: "[redacted]", after: "[redacted]" });
    expect(rows[2]!.after).toBe('{"authorizationKey":"[redacted]","apiToken":"[redacted]"}');
  });

  it("formats values as short text", () => {
    expect(formatAuditValue(null)).toBe("—");
    expect(formatAuditValue("")).toBe('""');
    expect(formatAuditValue(3)).toBe("3");
    expect(formatAuditValue([1, 2])).toBe("[1,2]");
  });
});
