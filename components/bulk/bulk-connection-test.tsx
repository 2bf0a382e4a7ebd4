"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { testOcppConnectionAction } from "@/lib/actions/ocpp/test-ocpp-connection";
import {
  ConnectionTestResult,
  type ConnectionTestAnswer,
} from "@/components/ocpp/connection-test-result";
import { Button } from "@/components/ui/button";

/**
 * "Test connection" in the bulk preview: one charger of the selection (the first that will be
 * configured) tries the URL, its own identity from the template and the password from its own
 * network, as on the OCPP tab — before the whole selection is sent the same settings.
 */
export function BulkConnectionTest({
  charger,
  form,
}: {
  charger: { chargerId: string; name: string; identity: string };
  /** The bulk form, read when the button is pressed (URL, password, clear password). */
  form: () => HTMLFormElement | null;
}) {
  const t = useTranslations("bulk.test");
  const [answer, setAnswer] = useState<ConnectionTestAnswer | null>(null);
  const [testing, startTest] = useTransition();
  const run = () => {
    const source = form();
    if (!source) return;
    const values = new FormData(source);
    const data = new FormData();
    data.set("chargerId", charger.chargerId);
    data.set("identity", charger.identity);
    data.set("url", String(values.get("url") ?? ""));
    data.set("password", String(values.get("password") ?? ""));
    if (values.get("clearPassword")) data.set("clearPassword", "on");
    setAnswer(null);
    startTest(async () => setAnswer(await testOcppConnectionAction(null, data)));
  };
  return (
    <div className="flex flex-wrap items-start gap-3 rounded-md border border-slate-200 p-3">
      <div className="space-y-1">
        <Button
          type="button"
          variant="secondary"
          disabled={testing}
          onClick={run}
          aria-describedby="bulk-test-result"
        >
          {t("button", { name: charger.name })}
        </Button>
        <p className="max-w-prose text-xs text-slate-600">{t("explain")}</p>
      </div>
      <ConnectionTestResult id="bulk-test-result" testing={testing} answer={answer} />
    </div>
  );
}
