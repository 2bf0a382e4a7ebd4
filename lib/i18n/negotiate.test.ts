import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it("picks the browser's first supported language, by weight", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("it-IT,de;q=0.5,es;q=0.7")).toBe("es");
    expect(negotiateLocale("de-AT")).toBe("de");
    expect(negotiateLocale("en-GB,fr;q=0.3")).toBe("en");
  });

  it("falls back to English for no header, an unsupported language or a malformed one", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("ja-JP,zh;q=0.8")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale("fr_FR;;;q=x,\u0000")).toBe("en");
    expect(negotiateLocale("x".repeat(100_000))).toBe("en");
  });
});
