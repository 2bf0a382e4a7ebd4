// Mifare UIDs go into an OCPP central system's whitelist as little-endian hex without separators
// (seed: a card printed 04:A2:B3:C4 is C4B3A204). Getting the byte order wrong is a top support call.

export type UidOrder = "as-printed" | "as-read";

export type ConvertRfidUidResult =
  | { ok: true; littleEndianHex: string; bytes: string[]; steps: string[] }
  | { ok: false; message: string };

// Mifare UIDs are single (4), double (7) or triple (10) size.
const UID_BYTE_LENGTHS = [4, 7, 10] as const;
// Generous bound: the longest UID with separators is 29 characters.
const MAX_INPUT_LENGTH = 64;

function splitBytes(hex: string): string[] {
  return hex.match(/../g) ?? [];
}

/**
 * Converts a UID to the whitelist value. `bytes` is in little-endian (whitelist) order, so
 * `bytes.join("") === littleEndianHex`.
 */
export function convertRfidUid(
  input: string,
  order: UidOrder = "as-printed",
): ConvertRfidUidResult {
  if (typeof input !== "string" || input.trim() === "") {
    return { ok: false, message: "Enter the card's UID, e.g. 04:A2:B3:C4" };
  }
  if (input.length > MAX_INPUT_LENGTH) {
    return { ok: false, message: `UID is too long: at most ${MAX_INPUT_LENGTH} characters` };
  }
  // Cards and readers print UIDs with colons, spaces or dashes; the whitelist has none.
  const stripped = input.replace(/[\s:-]/g, "");
  // Matched before upper-casing and by code point, so the message quotes what was typed.
  const bad = stripped.match(/[^0-9A-Fa-f]/u);
  if (bad) {
    return {
      ok: false,
      message: `UID contains "${bad[0]}": only hexadecimal digits 0-9 and A-F are allowed, separated by colons, spaces or dashes`,
    };
  }
  const hex = stripped.toUpperCase();
  if (hex.length % 2 !== 0) {
    return {
      ok: false,
      message: `UID has an odd number of hex digits (${hex.length}): each byte is two digits`,
    };
  }
  const byteCount = hex.length / 2;
  if (!(UID_BYTE_LENGTHS as readonly number[]).includes(byteCount)) {
    return {
      ok: false,
      message: `UID has ${byteCount} byte(s): a Mifare UID has 4, 7 or 10 bytes`,
    };
  }

  const given = splitBytes(hex);
  const bytes = order === "as-printed" ? [...given].reverse() : given;
  const littleEndianHex = bytes.join("");
  const steps =
    order === "as-printed"
      ? [
          `Bytes as printed: ${given.join(" ")}`,
          `Reversed for little-endian: ${bytes.join(" ")}`,
          `Whitelist value: ${littleEndianHex}`,
        ]
      : [
          `Bytes as read by the charger: ${given.join(" ")}`,
          "Already little-endian: order kept",
          `Whitelist value: ${littleEndianHex}`,
        ];
  return { ok: true, littleEndianHex, bytes, steps };
}
