import { describe, expect, it } from "vitest";
import { checkTotpCode, currentTotpCode, newTotpSecret, totpQrDataUrl, totpUri } from "./totp";

describe("TOTP", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-12-04T10:00:10Z");

  it("accepts the current code once, and refuses it a second time (replay)", async () => {
    const code = await currentTotpCode(secret, now);
    const first = await checkTotpCode(secret, code, null, now);
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : -1;
    expect(await checkTotpCode(secret, code, step, now)).toEqual({ ok: false, reason: "replayed" });
  });

  it("accepts a code one step old (clock drift) but not three steps old", async () => {
    const previous = await currentTotpCode(secret, new Date(now.getTime() - 30_000));
    expect((await checkTotpCode(secret, previous, null, now)).ok).toBe(true);
    const old = await currentTotpCode(secret, new Date(now.getTime() - 90_000));
    expect(await checkTotpCode(secret, old, null, now)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a wrong code and anything that is not six digits", async () => {
    const code = await currentTotpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect((await checkTotpCode(secret, wrong, null, now)).ok).toBe(false);
    expect((await checkTotpCode(secret, "12345", null, now)).ok).toBe(false);
    expect((await checkTotpCode(secret, "abcdef", null, now)).ok).toBe(false);
    expect(
      (await checkTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).ok,
    ).toBe(true);
  });

  it("names the issuer and the account in the URI an authenticator app reads", async () => {
    const uri = totpUri("mia@example.test", secret);
    expect(uri).toBe(
      `otpauth://totp/Plugboard:mia%40example.test?secret=${secret}&issuer=Plugboard`,
    );
    expect(await totpQrDataUrl(uri)).toMatch(/^data:image\/png;base64,/);
  });
});
