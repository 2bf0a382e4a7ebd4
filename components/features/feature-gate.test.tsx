import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { checkFeature } from "@/lib/features";
import { English } from "@/lib/testing/intl";
import { FeatureGate, FeatureUnavailable } from "./feature-gate";

const render = (node: React.ReactNode) => renderToStaticMarkup(<English>{node}</English>);
const VPN_TEXT =
  "This charger is on a VPN: allow outbound connections to the cloud (*.wall-box.com) on ports 443 and 80.";

const charger = { model: "PLP1" as const, ocppEnabled: true, vpn: true, vpnCloudAllowed: false };

describe("FeatureGate", () => {
  it("shows the feature when it is available", () => {
    const check = checkFeature("restart", { plan: "basic", charger: { ...charger, vpn: false } });
    const html = render(
      <FeatureGate feature="restart" check={check}>
        <button>Restart</button>
      </FeatureGate>,
    );
    expect(html).toBe("<button>Restart</button>");
  });

  it("lists every reason, and links an administrator to Settings for the plan", () => {
    const check = checkFeature("rfidUsers", { plan: "basic", charger });
    // rfidUsers is on Basic: use a Standard feature to get a plan reason too.
    const boost = checkFeature("powerBoost", { plan: "basic", charger });
    const html = render(
      <>
        <FeatureUnavailable feature="rfidUsers" check={check} canChangePlan />
        <FeatureUnavailable feature="powerBoost" check={boost} canChangePlan />
      </>,
    );
    expect(html).toContain("RFID users is not available");
    expect(html).toContain("This model has no RFID reader");
    expect(html).toContain("Not available while OCPP is enabled");
    expect(html).toContain(VPN_TEXT);
    expect(html).toContain("Available on the Standard plan");
    expect(html).toMatch(/<a [^>]*href="\/settings"[^>]*>Change to Standard in Settings<\/a>/);
  });

  it("asks others to see an administrator instead of linking", () => {
    const check = checkFeature("auditExport", { plan: "standard" });
    const html = render(<FeatureUnavailable feature="auditExport" check={check} />);
    expect(html).toContain("Audit log export is not available");
    expect(html).not.toContain('href="/settings"');
    expect(html).toContain("Ask an administrator");
  });
});
