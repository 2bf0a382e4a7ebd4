import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { landingPage } from "@/lib/auth/landing-page";

export default async function Home() {
  redirect(landingPage((await requireUser()).role));
}
