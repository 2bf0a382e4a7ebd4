import { getDb } from "@/db";
import { exportChargers } from "@/lib/chargers/export";
import { getSessionUser } from "@/lib/auth/session";
import { requestLocale } from "@/lib/i18n/negotiate";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const user = await getSessionUser();
  return exportChargers(await getDb(), user, new URL(request.url).searchParams, {
    locale: requestLocale(user, request),
  });
}
