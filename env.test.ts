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

  it("reads the device manager's instances as a list, and refuses an address that is not http(s)", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(32));
    vi.stubEnv("DEVICE_MANAGER_URL", "http://127.0.0.1:3100, http://127.0.0.2:3100");
    const { getEnv } = await import("./env");
    expect(getEnv().DEVICE_MANAGER_URL).toEqual(["http://127.0.0.1:3100", "http://127.0.0.2:3100"]);
    vi.resetModules();
    vi.stubEnv("DEVICE_MANAGER_URL", "http://127.0.0.1:3100,ws://x");
    const again = await import("./env");
    expect(() => again.getEnv()).toThrow(/DEVICE_MANAGER_URL/);
  });
});
