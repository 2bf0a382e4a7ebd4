// The OCPP tab speaks the reader's language: every text from messages (a missing one fails),
// English as it always read (the e2e tests assert on it), French in the activation guide's
// words, times in the reader's time zone, and the form's own checks in the reader's language.
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { renderFor } from "@/lib/testing/intl";
import { statusSummary } from "@/lib/testing/status-summary";
import { getTranslator } from "@/lib/i18n/translate";
import { ocppConnectionTestSchema } from "@/lib/validations/ocpp-settings";
import type { OcppHistory } from "@/lib/ocpp/history";
import { ConnectionHistory } from "./connection-history";
import { ConnectionTestResult, type ConnectionTestAnswer } from "./connection-test-result";
import { OcppHelp } from "./ocpp-help";
import { checkOcppSettings, OcppSettingsForm } from "./ocpp-settings-form";
import { OcppStatusPanel } from "./ocpp-status-panel";

vi.mock("@/lib/actions/ocpp/save-ocpp-settings", () => ({ saveOcppSettingsAction: vi.fn() }));
vi.mock("@/lib/actions/ocpp/test-ocpp-connection", () => ({ testOcppConnectionAction: vi.fn() }));

const NOW = new Date("2026-12-04T13:10:00Z");

/** Seen 30 s before NOW unless a test says otherwise. */
const summary = (overrides: Partial<ChargerStatusSummary> = {}) =>
  statusSummary({ lastSeenAt: "2026-12-04T13:09:30Z", ...overrides });

const history: OcppHistory = {
  entries: [
    {
      at: "2026-12-04T13:05:03Z",
      online: true,
      status: "error",
      reason: "dns_not_found",
      message: null,
    },
    { at: "2026-12-04T12:00:00Z", online: true, status: "connecting", reason: null, message: null },
    { at: "2026-12-04T11:00:00Z", online: false, status: "connected", reason: null, message: null },
  ],
  lastDay: [
    {
      start: "2026-12-04T12:00:00Z",
      end: "2026-12-04T13:00:00Z",
      connectedMs: 5_400_000,
      ratio: 1,
    },
  ],
  lastWeek: [],
  nextCursor: "older-page",
  prevCursor: null,
};

const render = (node: ReactNode, locale: Locale = "en", timeZone = "UTC") =>
  renderFor(node, { locale, timeZone, now: NOW });

const form = (passwordSet = true, canEdit = true) => (
  <OcppSettingsForm
    chargerId="7c1d6a4e-0000-4000-8000-000000000001"
    canEdit={canEdit}
    exampleUrl="ws://demo-csms:9000/ocpp"
    initial={{ enabled: true, url: "wss://cs.example.com/ocpp", identity: "CP-1", passwordSet }}
  />
);

const ran = { message: null, durationMs: 80 } as const;
/** Every answer "Test connection" can show. */
const TEST_ANSWERS: ConnectionTestAnswer[] = [
  { ok: true, data: { ...ran, outcome: "connected", reason: null, password: "saved" } },
  {
    ok: true,
    data: {
      outcome: "failed",
      reason: "connection_refused",
      message: "Connection refused by 127.0.0.1:9",
      password: "none",
      durationMs: 3,
    },
  },
  { ok: true, data: { ...ran, outcome: "failed", reason: "unknown", password: "given" } },
  ...(["charger_offline", "charger_busy", "charger_no_answer"] as const).map(
    (outcome): ConnectionTestAnswer => ({
      ok: true,
      data: { outcome, reason: null, message: null, password: null, durationMs: null },
    }),
  ),
  { ok: false, code: "unavailable", message: "The device manager cannot be reached." },
];
const testResults = (
  <>
    <ConnectionTestResult id="t0" testing answer={null} />
    {TEST_ANSWERS.map((answer, i) => (
      <ConnectionTestResult key={i} id={`t${i + 1}`} testing={false} answer={answer} />
    ))}
  </>
);

/** The whole tab in its every state: the form, the history, help and each kind of status. */
const everything = (
  <>
    <OcppStatusPanel initial={summary()} />
    <OcppStatusPanel initial={summary({ ocppStatus: "error", ocppReason: "http_401" })} />
    <OcppStatusPanel initial={summary({ ocppStatus: "error", ocppReason: "brand_new" })} />
    <OcppStatusPanel
      initial={summary({ ocppStatus: "connecting", ocppStatusAt: "2026-12-04T13:00:00Z" })}
    />
    <OcppStatusPanel initial={summary({ online: false })} />
    <OcppStatusPanel initial={summary({ online: false, lastSeenAt: null })} />
    <OcppStatusPanel initial={summary({ desiredConfigVersion: 2 })} />
    {form(true)}
    {form(false, false)}
    <ConnectionHistory chargerId="c" page={{}} initial={history} />
    <OcppHelp />
    {testResults}
  </>
);

describe("the OCPP tab", () => {
  it.each(LOCALES)("%s: every text is a message, none missing", async (locale) => {
    const html = await render(everything, locale);
    expect(html).not.toMatch(/\b(ocpp|charger|common)\.[a-z]+\.[a-zA-Z_]+/);
  });

  it("reads in English as it always did", async () => {
    const html = await render(everything);
    for (const words of [
      "OCPP connection status",
      "since 3 minutes ago",
      "The central system refused the password (HTTP 401)",
      "What to check: Set the password the CPO gave for this identity",
      "The charger cannot establish the connection",
      "Still connecting after more than two minutes. Check:",
      "Check the charger&#x27;s network connection (Wi-Fi, Ethernet or mobile).",
      "The charger is offline from the cloud (last seen 30 seconds ago). Its last known OCPP status is Connected.",
      "The charger has never connected to the cloud.",
      "Applying new settings…",
      "Enable OCPP",
      ">Charge point identity<",
      "The charger adds &quot;/&lt;identity&gt;&quot; itself. Demo central system: ws://demo-csms:9000/ocpp",
      "Optional (OCPP security profile 1/2), 16–40 characters. A password is set; leave empty to keep it.",
      "No password is set.",
      "I accept the terms and conditions",
      ">Save<",
      ">Test connection<",
      "The charger tries the URL, identity and password above from its own network, without saving them.",
      'role="status" aria-live="polite" aria-label="Connection test result"',
      "Testing…",
      "Connected: the central system accepted the charger.",
      "Tested with the saved password.",
      "Nothing was saved: the charger keeps its settings.",
      "Connection refused by the central system",
      "Connection refused by 127.0.0.1:9",
      "What to check: Nothing is listening at that address and port.",
      "Tested without a password.",
      "Tested with the password typed above.",
      "The charger is offline from the cloud, so it cannot run the test.",
      "The charger is busy (restarting, or testing already). Try again in a moment.",
      "The charger did not answer within 15 seconds.",
      "The device manager cannot be reached.",
      "Read-only: only an administrator of this charger&#x27;s organisation can change these settings.",
      "Time connected to the central system: 1.5 h in the last 24 hours.",
      "Last 24 hours",
      "The central system&#x27;s host name was not found (DNS)",
      "The status stays “Connecting”",
      "A charge does not start",
    ]) {
      expect(html, words).toContain(words);
    }
  });

  it("pages the connection history: older changes by link, none newer on the first page", async () => {
    const html = await render(<ConnectionHistory chargerId="c" page={{}} initial={history} />);
    expect(html).toMatch(
      /<nav aria-label="Connection history pages"[^>]*>.*href="\?cursor=older-page&amp;direction=after#history-heading"[^>]*>Older changes →</s,
    );
    expect(html).not.toContain("Newer changes");
  });

  it("says French in the activation guide's words, times in the reader's zone", async () => {
    const html = await render(everything, "fr", "Europe/Paris");
    for (const words of [
      "État de la connexion OCPP",
      "OCPP connecté",
      "OCPP en cours de connexion",
      "Erreur de connexion OCPP",
      "système central",
      "Activer l’OCPP",
      ">Identité de la borne de recharge<",
      ">URL<",
      ">Enregistrer<",
      "J’accepte les conditions générales",
      "dernier changement il y a 3 minutes",
      "L’état de la connexion OCPP reste « En cours de connexion »",
      // 13:05:03 UTC is 14:05:03 in Paris in December.
      "14:05:03",
      "1,5 h",
    ]) {
      expect(html, words).toContain(words);
    }
    expect(html).not.toContain("13:05:03");
  });

  it("puts relative times in each language's grammar", async () => {
    const panel = <OcppStatusPanel initial={summary({ online: false })} />;
    expect(await render(panel, "es")).toContain("desde hace 3 minutos");
    expect(await render(panel, "de")).toContain("letzte Änderung vor 3 Minuten");
    expect(await render(panel, "de")).toContain("zuletzt gesehen vor 30 Sekunden");
    // A time a little ahead of the reader's clock is "now", not "in 20 seconds".
    const ahead = <OcppStatusPanel initial={summary({ ocppStatusAt: "2026-12-04T13:10:20Z" })} />;
    expect(await render(ahead)).toContain("since now");
  });
});

describe("Test connection", () => {
  it("is offered only to whoever may save the settings", async () => {
    expect(await render(form(true, true))).toContain(">Test connection<");
    expect(await render(form(true, false))).not.toContain("Test connection");
  });

  it("is checked in the browser as on the server: a URL and an identity, terms not needed", async () => {
    const english = await getTranslator("en");
    const check = (fields: Record<string, string>) =>
      checkOcppSettings(
        { chargerId: "7c1d6a4e-0000-4000-8000-000000000001", ...fields },
        "en",
        english.text,
        ocppConnectionTestSchema,
      );
    expect(check({ url: "ws://127.0.0.1:9/ocpp", identity: "CP-1" })).toBeNull();
    expect(check({ url: "", identity: "" })).toEqual({
      url: ["Enter the URL to test."],
      identity: ["Enter the charge point identity to test."],
    });
  });

  it.each(LOCALES.filter((l) => l !== "en"))("answers in %s", async (locale) => {
    const html = await render(testResults, locale);
    const english = await render(testResults);
    expect(html).not.toMatch(/\bocpp\.[a-z]+\.[a-zA-Z_]+/);
    expect(html).not.toContain("Nothing was saved");
    expect(html.length).toBeGreaterThan(english.length / 2);
  });
});

describe("the settings form's own checks", () => {
  const fields = {
    chargerId: "7c1d6a4e-0000-4000-8000-000000000001",
    requestId: "7c1d6a4e-0000-4000-8000-000000000002",
    enabled: "on",
    url: "https://cs.example.com/ocpp",
    identity: "A/B",
    password: "short",
  };

  it("pass a complete form", async () => {
    const english = await getTranslator("en");
    expect(
      checkOcppSettings(
        {
          ...fields,
          url: "wss://cs.example.com/ocpp",
          identity: "CP-1",
          password: "",
          acceptTerms: "on",
        },
        "en",
        english.text,
      ),
    ).toBeNull();
  });

  it("say what the server says, in English", async () => {
    const english = await getTranslator("en");
    expect(checkOcppSettings(fields, "en", english.text)).toEqual({
      url: ["The URL must start with ws:// or wss:// (not https://)."],
      identity: ["The identity may not contain a slash (/)."],
      password: ["The password must be 16 to 40 characters (OCPP security profile 1/2)."],
      acceptTerms: ["Accept the terms and conditions to save."],
    });
  });

  it.each(LOCALES.filter((l) => l !== "en"))("say it in %s too", async (locale) => {
    const translator = await getTranslator(locale);
    const english = checkOcppSettings(fields, "en", (await getTranslator("en")).text)!;
    const errors = checkOcppSettings(fields, locale, translator.text)!;
    expect(Object.keys(errors).sort()).toEqual(Object.keys(english).sort());
    for (const [field, list] of Object.entries(errors)) {
      expect(list[0], `${locale} ${field}`).not.toBe(english[field]![0]);
      expect(list[0], `${locale} ${field}`).not.toMatch(/^ocpp\./);
    }
    if (locale === "fr") {
      expect(errors.url).toEqual(["L’URL doit commencer par ws:// ou wss:// (et non https://)."]);
      expect(errors.password).toEqual([
        "Le mot de passe doit compter de 16 à 40 caractères (profil de sécurité OCPP 1/2).",
      ]);
    }
  });

  it("say zod's own messages in the reader's language", async () => {
    const french = await getTranslator("fr");
    const english = await getTranslator("en");
    const odd = { ...fields, enabled: "maybe" };
    const inEnglish = checkOcppSettings(odd, "en", english.text)!.enabled!;
    const inFrench = checkOcppSettings(odd, "fr", french.text)!.enabled!;
    expect(inEnglish[0]).toMatch(/invalid/i);
    expect(inFrench[0]).not.toBe(inEnglish[0]);
  });
});
