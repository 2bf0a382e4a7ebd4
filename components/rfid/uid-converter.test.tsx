import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FORMATS } from "@/lib/i18n/formats";
import { English } from "@/lib/testing/intl";
import frenchMessages from "@/messages/fr";
import { UidConverter } from "./uid-converter";

const render = (uid?: string) =>
  renderToStaticMarkup(
    <English>
      <UidConverter defaultUid={uid} />
    </English>,
  );

describe("UidConverter", () => {
  it("labels every control and prompts when empty", () => {
    const html = render();
    expect(html).toMatch(/<label[^>]*>Card UID<\/label>/);
    expect(html).toMatch(/<label[^>]*>Byte order<\/label>/);
    expect(html).toContain("Printed on the card");
    expect(html).toContain("As read by a reader");
    expect(html).toMatch(/role="status" aria-live="polite"[^>]*>Enter a card UID to convert it\./);
  });

  it("shows the steps and the whitelist value in the live region", () => {
    const html = render("04:A2:B3:C4");
    expect(html).toContain("Bytes as printed: 04 A2 B3 C4");
    expect(html).toContain("Reversed for little-endian: C4 B3 A2 04");
    expect(html).toMatch(/aria-live="polite"[^>]*>Whitelist value: C4B3A204</);
  });

  it("says what is wrong with a bad UID", () => {
    const html = render("04:A2:B3");
    expect(html).toContain("UID has 3 bytes: a Mifare UID has 4, 7 or 10 bytes");
    expect(html).toContain('aria-invalid="true"');
  });

  it("speaks the reader's language, refusals included", () => {
    const html = renderToStaticMarkup(
      <NextIntlClientProvider
        locale="fr"
        messages={frenchMessages}
        timeZone="UTC"
        formats={FORMATS}
      >
        <UidConverter defaultUid="04:A2:B3" />
      </NextIntlClientProvider>,
    );
    expect(html).toMatch(/<label[^>]*>UID de la carte<\/label>/);
    expect(html).toContain("L’UID compte 3 octets : un UID Mifare compte 4, 7 ou 10 octets");
  });
});
