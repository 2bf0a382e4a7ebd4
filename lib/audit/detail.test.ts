import { describe, expect, it } from "vitest";
import { getTranslator } from "@/lib/i18n/translate";
import { msg } from "@/lib/i18n/message";
import { detailMessage, storedDetail } from "./detail";

describe("an audit entry's detail", () => {
  it("keeps the portal's reason as a message, said in each reader's language", async () => {
    const stored = storedDetail(msg("audit.details.refused", { reason: "unknown charger" }));
    const message = detailMessage(stored);
    expect((await getTranslator("en")).text(message)).toBe(
      "Refused by the device manager: unknown charger",
    );
    expect((await getTranslator("de")).text(message)).toBe(
      "Vom Gerätemanager abgelehnt: unknown charger",
    );
  });

  it("shows a charger's own words, an older plain entry or anything else as it came", async () => {
    const english = await getTranslator("en");
    for (const plain of [
      "busy",
      "Refused: charger offline",
      '{"plugboard.message":"errors.notFound","values":{}}', // not an audit detail key
      '{"plugboard.message":"audit.details.refused","values":{"reason":{"x":1}}}',
      '{"plugboard.message":', // cut short
    ])
      expect(english.text(detailMessage(plain)), plain).toBe(plain);
  });
});
