import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("terms"))("title") };
}

const POINTS = ["authority", "available", "manufacturer", "vpn", "restart"] as const;

export default async function TermsPage() {
  const t = await getTranslations("terms");
  return (
    <article className="prose max-w-3xl space-y-4 text-sm leading-6">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p>{t("intro")}</p>
      <ul className="list-disc pl-6">
        {POINTS.map((point) => (
          <li key={point}>{t(`points.${point}`)}</li>
        ))}
      </ul>
    </article>
  );
}
