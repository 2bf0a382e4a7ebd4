// @plugboard/wallbox's refusals (part numbers, RFID UIDs) as messages: each names its message
// by a code under its group of the "wallbox" messages, with the values it says.
import type { ConvertRfidUidResult, PartNumberError } from "@plugboard/wallbox";
import { msg, type Message } from "./message";

export function partNumberMessage(error: PartNumberError): Message {
  return msg(`wallbox.partNumber.${error.code}`, error.values);
}

export function rfidUidMessage(result: Extract<ConvertRfidUidResult, { ok: false }>): Message {
  return msg(`wallbox.rfidUid.${result.code}`, result.values);
}
