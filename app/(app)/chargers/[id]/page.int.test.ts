// Renders a charger's Overview and OCPP tabs on a real database, in the reader's language and
// time zone: English as it always read, French in the activation guide's words.
import type * as DbModule from "@/db";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { inReader, reader as pageReader } from "@/lib/testing/next-intl-server";

const NOW = new Date("2026-12-04T13:10:00Z");

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  db: null as unknown,
}));
// The page speaks to `pageReader` (lib/testing/next-intl-server.ts).
vi.mock("next-intl/server", () => import("@/lib/testing/next-intl-server"));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => state.user,
  getSessionUser: async () => state.user,
}));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof DbModule>()),
  getDb: async () => state.db,
}));
vi.mock("@/env", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getEnv: () => ({ DEMO_CSMS_URL: "ws://demo-csms:9000/ocpp" }),
}));
vi.mock("@/lib/actions/chargers/restart-charger", () => ({ restartChargerAction: vi.fn() }));
vi.mock("@/lib/actions/chargers/factory-reset-charger", () => ({
  factoryResetChargerAction: vi.fn(),
}));
vi.mock("@/lib/actions/ocpp/save-ocpp-settings", () => ({ saveOcppSettingsAction: vi.fn() }));

const { default: ChargerPage } = await import("./page");
const { default: OcppPage } = await import("./ocpp/page");

describe.each(testDatabaseKinds())("a charger's pages on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let chargerId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    state.db = database.db;
    const organization = await createOrganization(database.db, { name: "Volta" });
    admin = await createUser(database.db, { role: "admin", organizationId: organization.id });
    const charger = await createCharger(database.db, {
      organizationId: organization.id,
      partNumber: "CMX2-M-2-4-8",
      name: "Bay 7",
      serialNumber: "PAGE0001",
      online: false,
      ocppStatus: "error",
      ocppReason: "dns_not_found",
      lastSeenAt: new Date("2026-12-04T13:05:03Z"),
      firmwareVersion: "5.17.2",
    });
    chargerId = charger.id;
  });
  afterAll(async () => database?.dispose());

  async function render(
    page: (props: {
      params: Promise<{ id: string }>;
      searchParams: Promise<Record<string, string>>;
    }) => Promise<ReactNode>,
    reader: { locale: Locale; timeZone: string } = { locale: "en", timeZone: "UTC" },
  ) {
    state.user = admin;
    Object.assign(pageReader, reader);
    const node = await page({
      params: Promise.resolve({ id: chargerId }),
      searchParams: Promise.resolve({}),
    });
    // Every Suspense boundary resolved, as a browser has it once the page has streamed.
    const { prelude } = await prerender(
      await inReader(createElement(QueryClientProvider, { client: new QueryClient() }, node), {
        now: NOW,
      }),
    );
    return new Response(prelude).text();
  }

  it("reads the Overview in English as it always did", async () => {
    const html = await render(ChargerPage);
    expect(html).not.toMatch(/\b(charger|ocpp)\.[a-z]+\.[a-zA-Z_]+/);
    for (const words of [
      "Commander 2, Type 2, 22 kW, 7 m cable, RCD + RFID + OCPP",
      "OCPP 1.6J capable",
      "Offline (last known: Error)",
      "32 A (22 kW)",
      "5.17.2",
      "Dec 4, 2026, 13:05:03 UTC",
      "No charging sessions yet.",
    ]) {
      expect(html, words).toContain(words);
    }
  });

  it("reads the Overview in French, the last-seen time in Paris time", async () => {
    const html = await render(ChargerPage, { locale: "fr", timeZone: "Europe/Paris" });
    expect(html).not.toMatch(/\b(charger|ocpp)\.[a-z]+\.[a-zA-Z_]+/);
    for (const words of [
      "Compatible OCPP 1.6J",
      "Hors ligne (dernier état connu : Erreur de connexion OCPP)",
      "4 déc. 2026, 14:05:03",
      "Aucune session de recharge pour l’instant.",
    ]) {
      expect(html, words).toContain(words);
    }
  });

  it("reads the OCPP tab in English and in French", async () => {
    const english = await render(OcppPage);
    expect(english).not.toMatch(/\b(charger|ocpp)\.[a-z]+\.[a-zA-Z_]+/);
    for (const words of [
      "OCPP connection status",
      "The charger is offline from the cloud (last seen 5 minutes ago). Its last known OCPP status is Error.",
      ">Charge point identity<",
      "Enable OCPP",
      "Demo central system: ws://demo-csms:9000/ocpp",
      "Connection history",
    ]) {
      expect(english, words).toContain(words);
    }
    const french = await render(OcppPage, { locale: "fr", timeZone: "Europe/Paris" });
    expect(french).not.toMatch(/\b(charger|ocpp)\.[a-z]+\.[a-zA-Z_]+/);
    for (const words of [
      "État de la connexion OCPP",
      "dernière activité il y a 5 minutes",
      "Erreur de connexion OCPP",
      ">Identité de la borne de recharge<",
      ">Enregistrer<",
      "Historique de connexion",
    ]) {
      expect(french, words).toContain(words);
    }
  });
});
