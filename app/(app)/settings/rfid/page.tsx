import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { UidConverter } from "@/components/rfid/uid-converter";

export const metadata: Metadata = { title: "RFID UID converter" };

export default async function RfidConverterPage() {
  await requireUser();
  return <UidConverter />;
}
