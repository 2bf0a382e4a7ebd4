import { afterEach, describe, expect, it, vi } from "vitest";

describe("portal environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("treats an empty variable as unset and names a bad one", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(32));
    vi.stubEnv("DATABASE_URL", "");
    const { getEnv } = await import("./env");
    expect(getEnv().DATABASE_URL).toBeUndefined();
    expect(getEnv().PORTAL_DATA_DIR).toBe(".data/portal");
  });

  it("refuses a missing secret with a message naming it", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "short");
    const { getEnv } = await import("./env");
    expect(() => getEnv()).toThrow(/NEXTAUTH_SECRET/);
  });
});
