import { describe, expect, it } from "vitest";
import { checkTemplate, renderIdentity } from "./identity-template";

const charger = { serialNumber: "100001", name: "Bay 1", siteName: "Lyon" };

describe("identity templates", () => {
  it("renders the charger's serial, name and site around literal text", () => {
    expect(renderIdentity("VOLTA-{serial}", charger)).toBe("VOLTA-100001");
    expect(renderIdentity("{site}-{serial}-x", charger)).toBe("Lyon-100001-x");
    expect(renderIdentity("{name}", charger)).toBe("Bay 1");
    expect(renderIdentity("{site}{serial}", { ...charger, siteName: null })).toBe("100001");
  });

  it("refuses an empty template, an unknown placeholder and a lone brace", () => {
    expect(checkTemplate(" ")?.key).toBe("bulk.validation.templateRequired");
    expect(checkTemplate("CP-{serail}")).toEqual({
      key: "bulk.validation.unknownPlaceholder",
      values: { placeholder: "{serail}", allowed: "{serial}, {name}, {site}" },
    });
    expect(checkTemplate("CP-{serial")?.key).toBe("bulk.validation.unbalancedBraces");
    expect(checkTemplate("CP-}{serial}")?.key).toBe("bulk.validation.unbalancedBraces");
    expect(checkTemplate("CP-{serial}")).toBeNull();
  });
});
