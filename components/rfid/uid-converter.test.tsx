import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UidConverter } from "./uid-converter";

describe("UidConverter", () => {
  it("labels every control and prompts when empty", () => {
    const html = renderToStaticMarkup(<UidConverter />);
    expect(html).toMatch(/<label[^>]*>Card UID<\/label>/);
    expect(html).toMatch(/<label[^>]*>Byte order<\/label>/);
    expect(html).toContain("Printed on the card");
    expect(html).toContain("As read by a reader");
    expect(html).toMatch(/role="status" aria-live="polite"[^>]*>Enter a card UID to convert it\./);
  });

  it("shows the steps and the whitelist value in the live region", () => {
    const html = renderToStaticMarkup(<UidConverter defaultUid="04:A2:B3:C4" />);
    expect(html).toContain("Bytes as printed: 04 A2 B3 C4");
    expect(html).toContain("Reversed for little-endian: C4 B3 A2 04");
    expect(html).toMatch(/aria-live="polite"[^>]*>Whitelist value: C4B3A204</);
  });

  it("says what is wrong with a bad UID", () => {
    const html = renderToStaticMarkup(<UidConverter defaultUid="04:A2:B3" />);
    expect(html).toContain("a Mifare UID has 4, 7 or 10 bytes");
    expect(html).toContain('aria-invalid="true"');
  });
});
