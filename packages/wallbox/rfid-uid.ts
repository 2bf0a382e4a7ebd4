// Mifare UIDs go into an OCPP central system's whitelist as little-endian hex without separators
// (seed: a card printed 04:A2:B3:C4 is C4B3A204). Getting the byte order wrong is a top support call.
import { englishMessage, type WallboxMessageValues } from "./messages";

export type UidOrder = "as-printed" | "as-read";

/** Why a UID is refused; the message is wallbox.rfidUid.<code>, said with `values`. */
export type RfidUidErrorCode = "empty" | "tooLong" | "badCharacter" | "oddDigits" | "byteCount";

export type ConvertRfidUidResult =
  | {
      ok: true;
      littleEndianHex: string;
      /** In little-endian (whitelist) order. */
      bytes: string[];
      /** As typed, normalised: the order `order` says. */
      given: string[];
      order: UidOrder;
    }
  | { ok: false; code: RfidUidErrorCode; values: WallboxMessageValues; message: string };

// Mifare UIDs are single (4), double (7) or triple (10) size.
const UID_BYTE_LENGTHS = [4, 7, 10] as const;
// Generous bound: the longest UID with separators is 29 characters.
const MAX_INPUT_LENGTH = 64;

function splitBytes(hex: string): string[] {
  return hex.match(/../g) ?? [];
}

function refuse(code: RfidUidErrorCode, values: WallboxMessageValues = {}): ConvertRfidUidResult {
  return { ok: false, code, values, message: englishMessage(`wallbox.rfidUid.${code}`, values) };
}

/**
 * Converts a UID to the whitelist value. `bytes` is in little-endian (whitelist) order, so
 * `bytes.join("") === littleEndianHex`.
 */
export function convertRfidUid(
  input: string,
  order: UidOrder = "as-printed",
): ConvertRfidUidResult {
  if (typeof input !== "string" || input.trim() === "") return refuse("empty");
  if (input.length > MAX_INPUT_LENGTH) return refuse("tooLong", { maximum: MAX_INPUT_LENGTH });
  // Cards and readers print UIDs with colons, spaces or dashes; the whitelist has none.
  const stripped = input.replace(/[\s:-]/g, "");
  // Matched before upper-casing and by code point, so the message quotes what was typed.
  const bad = stripped.match(/[^0-9A-Fa-f]/u);
  if (bad) return refuse("badCharacter", { character: bad[0] });
  const hex = stripped.toUpperCase();
  if (hex.length % 2 !== 0) return refuse("oddDigits", { digits: hex.length });
  const byteCount = hex.length / 2;
  if (!(UID_BYTE_LENGTHS as readonly number[]).includes(byteCount))
    return refuse("byteCount", { bytes: byteCount });

  const given = splitBytes(hex);
  const bytes = order === "as-printed" ? [...given].reverse() : [...given];
  return { ok: true, littleEndianHex: bytes.join(""), bytes, given, order };
}
