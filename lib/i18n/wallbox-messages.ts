// @plugboard/wallbox's refusals (part numbers, RFID UIDs) as messages.
// TODO(i18n): the package says them in English today; they become codes with values.
import type { PartNumberError, ConvertRfidUidResult } from "@plugboard/wallbox";
import { verbatim, type Message } from "./message";

export function partNumberMessage(error: PartNumberError): Message {
  return verbatim(error.message);
}

export function rfidUidMessage(result: Extract<ConvertRfidUidResult, { ok: false }>): Message {
  return verbatim(result.message);
}
