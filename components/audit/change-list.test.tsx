import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FORMATS } from "@/lib/i18n/formats";
import { loadMessages } from "@/lib/i18n/messages";
import { English } from "@/lib/testing/intl";
import { ChangeList } from "./change-list";

const french = await loadMessages("fr");
const inEnglish = (node: React.ReactNode) => renderToStaticMarkup(<English>{node}</English>);
const inFrench = (node: React.ReactNode) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale="fr" messages={french} timeZone="UTC" formats={FORMATS}>
      {node}
    </NextIntlClientProvider>,
  );

describe("ChangeList", () => {
  it("shows fields before → after, secrets redacted, in English", () => {
    const html = inEnglish(
      <ChangeList before={{ plan: "basic", password: "old" }} after={{ plan: "standard" }} />,
    );
    expect(html).toContain("plan:");
    expect(html).toContain("basic");
    expect(html).toContain("changed to");
    expect(html).toContain("standard");
    expect(html).toContain("[redacted] (removed)");
    expect(html).not.toContain("old");
  });

  it("names a single value and a redacted one in the reader's words", () => {
    expect(inEnglish(<ChangeList before={null} after={3} />)).toContain("value:");
    const html = inFrench(
      <ChangeList before={null} after={{ authorizationKey: "k", value: "x" }} />,
    );
    // A recorded field keeps its name, even one called "value".
    expect(html).toContain("value :");
    expect(html).toContain("authorizationKey :");
    expect(html).toContain("[masqué]");
    expect(html).not.toContain("[redacted]");
    expect(inFrench(<ChangeList before={1} after={2} />)).toContain("valeur :");
  });

  it("shows nothing to compare as a dash", () => {
    expect(inEnglish(<ChangeList before={null} after={null} />)).toBe(
      '<span class="text-slate-500">—</span>',
    );
  });
});
