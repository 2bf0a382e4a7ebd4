import { describe, expect, it } from "vitest";
import { resolveOcppEndpoint } from "./endpoint";

function ok(url: string, identity = "CP001") {
  const result = resolveOcppEndpoint(url, identity);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

describe("resolveOcppEndpoint", () => {
  it("appends the percent-encoded identity as in OCPP-J §3.1.1", () => {
    expect(ok("ws://centralsystem.example.com/ocpp").connectionUrl).toBe(
      "ws://centralsystem.example.com/ocpp/CP001",
    );
    expect(ok("wss://centralsystem.example.com/ocppj", "RDAM 123").connectionUrl).toBe(
      "wss://centralsystem.example.com/ocppj/RDAM%20123",
    );
    expect(ok("ws://h/ocpp", "a#b/c?d").connectionUrl).toBe("ws://h/ocpp/a%23b%2Fc%3Fd");
  });

  it("drops a trailing slash, keeps the query, and names host:port", () => {
    const value = ok("ws://central.example.com:9000/ocpp/?token=abc");
    expect(value.endpoint).toBe("ws://central.example.com:9000/ocpp");
    expect(value.query).toBe("token=abc");
    expect(value.target).toBe("central.example.com:9000");
    expect(value.connectionUrl).toBe("ws://central.example.com:9000/ocpp/CP001?token=abc");
    expect(value.loggableUrl).toBe("ws://central.example.com:9000/ocpp/CP001?…");
    expect(ok("wss://central.example.com").target).toBe("central.example.com:443");
    expect(ok("ws://[::1]:9000/ocpp").host).toBe("::1");
  });

  it.each([
    ["", "empty"],
    ["central.example.com/ocpp", "not a URL"],
    ["http://central.example.com/ocpp", "use ws://"],
    ["https://central.example.com/ocpp", "use wss://"],
    ["ftp://central.example.com/ocpp", "not supported"],
    ["ws://user:secret@central.example.com/ocpp", "password field"],
    ["ws://central.example.com/ocpp#x", "fragment"],
  ])("refuses %j", (url, problem) => {
    const result = resolveOcppEndpoint(url, "CP001");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });

  it("refuses an empty identity", () => {
    expect(resolveOcppEndpoint("ws://h/ocpp", "").ok).toBe(false);
  });
});
