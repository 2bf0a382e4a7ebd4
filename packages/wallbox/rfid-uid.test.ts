import { describe, expect, it } from "vitest";
import { convertRfidUid } from "./rfid-uid";

describe("convertRfidUid", () => {
  it("converts the seed's example: printed 04:A2:B3:C4 is C4B3A204", () => {
    expect(convertRfidUid("04:A2:B3:C4")).toEqual({
      ok: true,
      littleEndianHex: "C4B3A204",
      bytes: ["C4", "B3", "A2", "04"],
      given: ["04", "A2", "B3", "C4"],
      order: "as-printed",
    });
  });

  it.each(["04A2B3C4", "04 a2 b3 c4", "04-A2-B3-C4", "  04:a2:B3:c4\n", "04 : A2 : B3 : C4"])(
    "accepts separators and any case: %j",
    (input) => {
      const result = convertRfidUid(input);
      expect(result.ok && result.littleEndianHex).toBe("C4B3A204");
    },
  );

  it("reverses a 7-byte (double size) UID as printed", () => {
    const result = convertRfidUid("04:5A:3B:C2:1F:6E:80");
    expect(result.ok && result.littleEndianHex).toBe("806E1FC23B5A04");
    expect(result.ok && result.bytes).toHaveLength(7);
  });

  it("reverses a 10-byte (triple size) UID as printed", () => {
    const result = convertRfidUid("01 02 03 04 05 06 07 08 09 0A");
    expect(result.ok && result.littleEndianHex).toBe("0A090807060504030201");
  });

  it("keeps the order of a UID already read little-endian, only normalising it", () => {
    const result = convertRfidUid("c4:b3:a2:04", "as-read");
    expect(result).toEqual({
      ok: true,
      littleEndianHex: "C4B3A204",
      bytes: ["C4", "B3", "A2", "04"],
      given: ["C4", "B3", "A2", "04"],
      order: "as-read",
    });
  });

  it("round-trips: reading the converted value as-read gives the same value", () => {
    const first = convertRfidUid("04:5A:3B:C2:1F:6E:80");
    const again = first.ok ? convertRfidUid(first.littleEndianHex, "as-read") : first;
    expect(again.ok && first.ok && again.littleEndianHex === first.littleEndianHex).toBe(true);
  });

  it.each([
    ["", "empty", {}, "Enter the card's UID"],
    ["   ", "empty", {}, "Enter the card's UID"],
    ["04:A2:B3:C", "oddDigits", { digits: 7 }, "odd number of hex digits (7)"],
    ["04:A2:B3:G4", "badCharacter", { character: "G" }, 'contains "G"'],
    ["0x04A2B3C4", "badCharacter", { character: "x" }, 'contains "x"'],
    ["04.A2.B3.C4", "badCharacter", { character: "." }, 'contains "."'],
    ["04", "byteCount", { bytes: 1 }, "UID has 1 byte:"],
    ["04:A2:B3", "byteCount", { bytes: 3 }, "UID has 3 bytes:"],
    ["04:A2:B3:C4:D5", "byteCount", { bytes: 5 }, "5 bytes"],
    ["00".repeat(8), "byteCount", { bytes: 8 }, "8 bytes"],
    ["00".repeat(11), "byteCount", { bytes: 11 }, "11 bytes"],
    ["0".repeat(65), "tooLong", { maximum: 64 }, "too long"],
    ["04:A2:B3:C4🔌", "badCharacter", { character: "🔌" }, 'contains "🔌"'],
  ])("rejects %j with a code, its values and a clear message", (input, code, values, phrase) => {
    const result = convertRfidUid(input);
    expect(result).toMatchObject({ ok: false, code, values });
    if (!result.ok) expect(result.message).toContain(phrase);
  });

  it("never throws on input that is not a string", () => {
    expect(convertRfidUid(undefined as unknown as string).ok).toBe(false);
  });
});
