import { beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@/lib/i18n/message";
import { getTranslator, type Translator } from "@/lib/i18n/translate";
import { issueMessages } from "@/lib/i18n/zod-messages";
import {
  checkCentralSystemUrl,
  checkIdentity,
  identityInUrlWarning,
  isRealHost,
  ocppSettingsSchema,
} from "./ocpp-settings";

const base = {
  chargerId: "3f0c8e9a-1b2c-4d5e-8f90-123456789abc",
  requestId: "9a1b2c3d-4e5f-4a6b-8c7d-0123456789ab",
  enabled: "on",
  url: "wss://cs.example.com/ocpp",
  identity: "CP-001",
  acceptTerms: "on",
};

/** Each field's last error, as an English reader gets it. */
function errors(input: Record<string, unknown>): Record<string, string> {
  const result = ocppSettingsSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(
    Object.entries(issueMessages(result.error.issues)).map(([field, list]) => [
      field,
      english.text(list.at(-1)!),
    ]),
  );
}

let english: Translator;
beforeAll(async () => {
  english = await getTranslator("en");
});
/** What an English reader is told (or null). */
const say = (message: Message | null) => (message ? english.text(message) : null);

describe("OCPP settings validation", () => {
  it("accepts a complete form", () => {
    expect(errors(base)).toEqual({});
    const parsed = ocppSettingsSchema.parse({ ...base, password: "0123456789abcdef" });
    expect(parsed).toMatchObject({
      enabled: true,
      identity: "CP-001",
      clearPassword: false,
      acceptTerms: true,
    });
  });

  it.each([
    "ws://127.0.0.1:9000/oc\r\nX-Injected: 1\r\npp",
    "ws://127.0.0.1:9000/o\tcpp",
    "ws://127.0.0.1:9000/oc pp",
  ])("refuses a URL with a line break, tab or space inside: %j", (url) => {
    expect(errors({ ...base, url }).url).toBe(
      "The URL may not contain spaces, tabs or line breaks.",
    );
  });

  it("requires the terms on every save", () => {
    expect(errors({ ...base, acceptTerms: undefined }).acceptTerms).toMatch(/terms/);
    expect(errors({ ...base, enabled: "false", acceptTerms: "" }).acceptTerms).toMatch(/terms/);
  });

  it("requires URL and identity when enabled, but not to disable", () => {
    const e = errors({ ...base, url: "", identity: "" });
    expect(e.url).toMatch(/required/);
    expect(e.identity).toMatch(/required/);
    expect(errors({ ...base, enabled: undefined, url: "", identity: "" })).toEqual({});
  });

  it("allows only ws:// and wss:// URLs with a real host", () => {
    expect(say(checkCentralSystemUrl("https://cs.example.com/ocpp"))).toMatch(
      /ws:\/\/ or wss:\/\//,
    );
    expect(say(checkCentralSystemUrl("not a url"))).toMatch(/full URL/);
    expect(say(checkCentralSystemUrl("ws://cs_example/ocpp"))).toMatch(/not a valid host/);
    expect(say(checkCentralSystemUrl("ws://user:pw@cs.example.com/ocpp"))).toMatch(
      /Password field/,
    );
    expect(checkCentralSystemUrl("ws://127.0.0.1:9000/ocpp")).toBeNull();
    expect(checkCentralSystemUrl("ws://localhost:9000/ocpp")).toBeNull();
    expect(checkCentralSystemUrl("wss://[::1]:9000/ocpp")).toBeNull();
    expect(isRealHost("300.1.1.1")).toBe(false);
    expect(isRealHost("-bad.example.com")).toBe(false);
    expect(isRealHost("intranet")).toBe(false);
  });

  it("checks the identity: printable, no slash, at most 48", () => {
    expect(say(checkIdentity("CP/1"))).toMatch(/slash/);
    expect(say(checkIdentity("CP 1"))).toMatch(/printable/);
    expect(say(checkIdentity("CP\u00e91"))).toMatch(/printable/);
    expect(say(checkIdentity("x".repeat(49)))).toMatch(/48/);
    expect(checkIdentity("x".repeat(48))).toBeNull();
    expect(checkIdentity("CP#1:a")).toBeNull();
  });

  it("checks the password length as the security whitepaper asks, and not both set and clear", () => {
    expect(errors({ ...base, password: "short" }).password).toMatch(/16 to 40/);
    expect(errors({ ...base, password: "x".repeat(41) }).password).toMatch(/16 to 40/);
    expect(errors({ ...base, password: "x".repeat(16) })).toEqual({});
    expect(errors({ ...base, password: "x".repeat(16), clearPassword: "on" }).password).toMatch(
      /not both/,
    );
  });

  it("warns when the URL already ends with the identity", () => {
    expect(say(identityInUrlWarning("wss://cs.example.com/ocpp/CP-001", "CP-001"))).toMatch(/adds/);
    expect(say(identityInUrlWarning("wss://cs.example.com/ocpp/CP%231", "CP#1"))).toMatch(/adds/);
    expect(identityInUrlWarning("wss://cs.example.com/ocpp", "CP-001")).toBeNull();
  });
});
