import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { UidConverter } from "@/components/rfid/uid-converter";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rfid"))("title") };
}

export default async function RfidConverterPage() {
  await requireUser();
  return <UidConverter />;
}
