import { describe, expect, it } from "vitest";
import {
  OCPP_ERROR_REASONS,
  classifyConnectError,
  describeOcppError,
  type OcppErrorReason,
} from "./connect-error";

const where = { target: "central.example.com:9000", host: "central.example.com" };

function err(message: string, props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), props);
}

function reasonOf(error: unknown): OcppErrorReason {
  return classifyConnectError(error, where).reason;
}

describe("classifyConnectError", () => {
  it("recognises DNS failures", () => {
    expect(reasonOf(err("getaddrinfo ENOTFOUND x", { code: "ENOTFOUND" }))).toBe("dns_not_found");
    expect(reasonOf(err("getaddrinfo EAI_AGAIN x", { code: "EAI_AGAIN" }))).toBe("dns_not_found");
  });

  it("recognises a refused connection, also inside an AggregateError (happy eyeballs)", () => {
    expect(reasonOf(err("connect ECONNREFUSED", { code: "ECONNREFUSED" }))).toBe(
      "connection_refused",
    );
    const aggregate = new AggregateError([
      err("a", { code: "ECONNREFUSED" }),
      err("b", { code: "ECONNREFUSED" }),
    ]);
    expect(reasonOf(aggregate)).toBe("connection_refused");
  });

  it("recognises TLS failures", () => {
    expect(
      reasonOf(
        err("wrong version number", {
          code: "ERR_SSL_WRONG_VERSION_NUMBER",
          library: "SSL routines",
        }),
      ),
    ).toBe("tls_failure");
    expect(reasonOf(err("self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toBe(
      "tls_failure",
    );
    expect(
      reasonOf(
        err("Hostname/IP does not match certificate's altnames", {
          code: "ERR_TLS_CERT_ALTNAME_INVALID",
        }),
      ),
    ).toBe("tls_failure");
    expect(
      reasonOf(
        err("Client network socket disconnected before secure TLS connection was established", {
          code: "ECONNRESET",
        }),
      ),
    ).toBe("tls_failure");
  });

  it("names the TLS problem in words", () => {
    const wrongVersion = err(
      "write EPROTO 80BC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl3_record.c:350:\n",
      { code: "EPROTO" },
    );
    expect(classifyConnectError(wrongVersion, where).detail.cause).toBe("wrong version number");
    const selfSigned = err("self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(classifyConnectError(selfSigned, where).detail.cause).toBe(
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    );
  });

  it("maps HTTP statuses of a refused upgrade", () => {
    expect(reasonOf(err("Unauthorized", { code: 401 }))).toBe("http_401");
    expect(reasonOf(err("Not Found", { code: 404 }))).toBe("http_404");
    const other = classifyConnectError(err("Bad Gateway", { code: 502 }), where);
    expect(other).toEqual({
      reason: "http_error",
      detail: { target: where.target, httpStatus: 502 },
    });
  });

  it("recognises a server without the ocpp1.6 subprotocol", () => {
    expect(reasonOf(err("Server sent no subprotocol"))).toBe("subprotocol_not_accepted");
    expect(reasonOf(err("Server sent an invalid subprotocol"))).toBe("subprotocol_not_accepted");
  });

  it("treats unreachable networks as a timeout and other handshake garbage as http_error", () => {
    expect(reasonOf(err("connect EHOSTUNREACH", { code: "EHOSTUNREACH" }))).toBe(
      "connection_timeout",
    );
    expect(reasonOf(err("Invalid Sec-WebSocket-Accept header"))).toBe("http_error");
    expect(reasonOf(err("socket hang up", { code: "ECONNRESET" }))).toBe("connection_lost");
    expect(reasonOf(Object.assign(new SyntaxError("Invalid URL: x")))).toBe("invalid_url");
  });
});

describe("describeOcppError", () => {
  it("has a sentence for every reason", () => {
    for (const reason of OCPP_ERROR_REASONS) {
      const text = describeOcppError(reason, {
        target: "h:1",
        host: "h",
        httpStatus: 500,
        seconds: 10,
      });
      expect(text.length).toBeGreaterThan(40);
      expect(text).toMatch(/\.$/);
    }
  });

  it("names the server and the problem", () => {
    expect(describeOcppError("connection_refused", { target: "central.example.com:9000" })).toMatch(
      /^Connection refused by central\.example\.com:9000 — nothing is listening on that port\./,
    );
    expect(describeOcppError("boot_pending")).toContain("BootNotification Pending");
    expect(describeOcppError("dns_not_found", { host: "nonexistent.invalid" })).toContain(
      "host name nonexistent.invalid could not be found",
    );
    expect(describeOcppError("dns_not_found")).toContain("host name could not be found");
  });
});
