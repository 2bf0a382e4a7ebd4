import { describe, expect, it } from "vitest";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signEventBody,
  verifyEventSignature,
} from "./event-signature";

const secret = "test-secret-0123456789";
const body = JSON.stringify({ events: [] });

describe("signEventBody / verifyEventSignature", () => {
  it("produces sha256=<hex of HMAC(secret, timestamp.body)>", async () => {
    const { createHmac } = await import("node:crypto");
    const signed = signEventBody(secret, body, 1_700_000_000);
    const hex = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signed.timestamp).toBe("1700000000");
    expect(signed.signature).toBe(`sha256=${hex}`);
    expect(signed.headers[TIMESTAMP_HEADER]).toBe("1700000000");
    expect(signed.headers[SIGNATURE_HEADER]).toBe(`sha256=${hex}`);
  });

  it("verifies a fresh signature", () => {
    const { timestamp, signature } = signEventBody(secret, body);
    expect(verifyEventSignature({ secret, rawBody: body, timestamp, signature })).toEqual({
      ok: true,
    });
    expect(
      verifyEventSignature({ secret, rawBody: Buffer.from(body), timestamp, signature }),
    ).toEqual({ ok: true });
  });

  it("rejects a changed body, timestamp, or secret", () => {
    const { timestamp, signature } = signEventBody(secret, body, 1000);
    const base = { secret, rawBody: body, timestamp, signature, nowSeconds: 1000 };
    expect(verifyEventSignature({ ...base, rawBody: body + " " })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyEventSignature({ ...base, timestamp: "1001" })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyEventSignature({ ...base, secret: "other" })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects timestamps outside the skew window", () => {
    const { timestamp, signature } = signEventBody(secret, body, 1000);
    const base = { secret, rawBody: body, timestamp, signature };
    expect(verifyEventSignature({ ...base, nowSeconds: 1000 + 301 }).ok).toBe(false);
    expect(verifyEventSignature({ ...base, nowSeconds: 1000 - 301 })).toEqual({
      ok: false,
      reason: "stale_timestamp",
    });
    expect(verifyEventSignature({ ...base, nowSeconds: 1060, maxSkewSeconds: 60 })).toEqual({
      ok: true,
    });
    expect(verifyEventSignature({ ...base, nowSeconds: 1061, maxSkewSeconds: 60 }).ok).toBe(false);
  });

  it("rejects missing and malformed headers without throwing", () => {
    const { timestamp, signature } = signEventBody(secret, body, 1000);
    const base = { secret, rawBody: body, nowSeconds: 1000 };
    expect(verifyEventSignature({ ...base, timestamp: null, signature })).toEqual({
      ok: false,
      reason: "missing_headers",
    });
    expect(verifyEventSignature({ ...base, timestamp, signature: undefined })).toEqual({
      ok: false,
      reason: "missing_headers",
    });
    for (const bad of [
      "sha256=zz",
      "sha1=" + "a".repeat(64),
      signature.slice(0, -2),
      "sha256=" + "a".repeat(66),
    ]) {
      expect(verifyEventSignature({ ...base, timestamp, signature: bad })).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
    expect(verifyEventSignature({ ...base, timestamp: "12abc", signature })).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
