// The PUK printed on a charger's label beside its serial number: proof that whoever adds the
// charger to an organisation holds it. Derived from the serial with the manufacturer's factory
// key (HMAC-SHA256), so the portal checks it without a table of labels and nobody can compute
// it without the key. Adding a charger asks for both: a wrong pair gets the same answer whether
// or not the serial is registered somewhere, so the form never tells another organisation's
// serial numbers apart from unused ones.
import { createHmac, timingSafeEqual } from "node:crypto";

export const PUK_DIGITS = 8;

export function chargerPuk(serialNumber: string, factoryKey: string): string {
  const mac = createHmac("sha256", factoryKey).update(serialNumber.trim().toUpperCase()).digest();
  return String(mac.readUInt32BE(0) % 10 ** PUK_DIGITS).padStart(PUK_DIGITS, "0");
}

export function isChargerPuk(serialNumber: string, puk: string, factoryKey: string): boolean {
  const expected = Buffer.from(chargerPuk(serialNumber, factoryKey));
  const given = Buffer.from(puk.replace(/[\s-]/g, ""));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
