import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/api-docs/api-reference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("docsTitle") };
}

/** Public: the same document as /api/v1/openapi.json, for people. */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiTokens");
  return (
    <main>
      <h1 className="sr-only">{t("docsTitle")}</h1>
      <ApiReference />
    </main>
  );
}
