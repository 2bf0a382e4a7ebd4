import { describe, expect, it } from "vitest";
import { answerFromLiveLink } from "./ocpp-test";

const config = {
  enabled: true,
  url: "ws://cs.example/ocpp",
  identity: "CP-1",
  password: "secret-password-01",
};
const test = { url: config.url, identity: config.identity, password: config.password };

describe("answerFromLiveLink", () => {
  it("answers from the live link that runs with exactly the tested settings", () => {
    expect(answerFromLiveLink(config, { status: "connected" }, test)).toEqual({
      outcome: "connected",
      durationMs: 0,
    });
    const pending = { status: "error" as const, reason: "boot_pending", message: "Pending…" };
    expect(answerFromLiveLink(config, pending, test)).toEqual({
      outcome: "failed",
      reason: "boot_pending",
      message: "Pending…",
      durationMs: 0,
    });
  });

  it("opens a test connection when anything differs or the link holds no connection", () => {
    const connected = { status: "connected" as const };
    expect(answerFromLiveLink(config, connected, { ...test, url: "ws://other/ocpp" })).toBeNull();
    expect(answerFromLiveLink(config, connected, { ...test, identity: "CP-2" })).toBeNull();
    expect(answerFromLiveLink(config, connected, { ...test, password: undefined })).toBeNull();
    expect(answerFromLiveLink({ ...config, enabled: false }, connected, test)).toBeNull();
    expect(answerFromLiveLink(config, { status: "connecting" }, test)).toBeNull();
    const refused = { status: "error" as const, reason: "connection_refused" };
    expect(answerFromLiveLink(config, refused, test)).toBeNull();
  });
});
