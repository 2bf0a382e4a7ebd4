import { describe, expect, it } from "vitest";
import { chargerPuk, isChargerPuk, PUK_DIGITS } from "./puk";

describe("charger PUK", () => {
  const key = "factory-key-for-tests-0123456789";

  it("is eight digits, the same for a serial whatever its case, different per serial and key", () => {
    const puk = chargerPuk("SN-1001", key);
    expect(puk).toMatch(new RegExp(`^\\d{${PUK_DIGITS}}$`));
    expect(chargerPuk("sn-1001", key)).toBe(puk);
    expect(chargerPuk("SN-1002", key)).not.toBe(puk);
    expect(chargerPuk("SN-1001", "another-factory-key-0123456789")).not.toBe(puk);
  });

  it("accepts the label's PUK (spaces or a dash allowed) and refuses any other", () => {
    const puk = chargerPuk("SN-1001", key);
    expect(isChargerPuk("SN-1001", puk, key)).toBe(true);
    expect(isChargerPuk("SN-1001", `${puk.slice(0, 4)} ${puk.slice(4)}`, key)).toBe(true);
    expect(isChargerPuk("SN-1001", `${puk.slice(0, 4)}-${puk.slice(4)}`, key)).toBe(true);
    expect(isChargerPuk("SN-1002", puk, key)).toBe(false);
    expect(isChargerPuk("SN-1001", puk.slice(1), key)).toBe(false);
    expect(isChargerPuk("SN-1001", "", key)).toBe(false);
  });
});
