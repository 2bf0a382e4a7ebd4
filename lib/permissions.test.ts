import { describe, expect, it } from "vitest";
import {
  canAccessOrganization,
  hasPermission,
  organizationScope,
  type Permission,
  type SessionUser,
} from "./permissions";

const admin: SessionUser = {
  id: "1",
  email: "a@x",
  name: "A",
  role: "admin",
  organizationId: "org-a",
};
const cpo: SessionUser = { ...admin, id: "2", role: "cpo" };
const support: SessionUser = { ...admin, id: "3", role: "support", organizationId: null };

describe("permissions", () => {
  it("lets cpo read and nothing else", () => {
    const all: Permission[] = [
      "charger:create",
      "charger:configure-ocpp",
      "charger:restart",
      "charger:factory-reset",
      "charger:set-feature",
      "organization:change-plan",
    ];
    expect(hasPermission(cpo, "charger:read")).toBe(true);
    expect(hasPermission(cpo, "audit:read")).toBe(true);
    for (const p of all) expect(hasPermission(cpo, p)).toBe(false);
  });

  it("lets support restart and reset but not configure or create", () => {
    expect(hasPermission(support, "charger:restart")).toBe(true);
    expect(hasPermission(support, "charger:factory-reset")).toBe(true);
    expect(hasPermission(support, "charger:create")).toBe(false);
    expect(hasPermission(support, "charger:configure-ocpp")).toBe(false);
  });

  it("lets admins configure their organisation", () => {
    expect(hasPermission(admin, "charger:create")).toBe(true);
    expect(hasPermission(admin, "charger:configure-ocpp")).toBe(true);
  });

  it("lets admins manage alert rules, admins and CPOs acknowledge alerts, support only read", () => {
    expect(hasPermission(admin, "alert:manage")).toBe(true);
    expect(hasPermission(cpo, "alert:manage")).toBe(false);
    expect(hasPermission(support, "alert:manage")).toBe(false);
    expect(hasPermission(admin, "alert:acknowledge")).toBe(true);
    expect(hasPermission(cpo, "alert:acknowledge")).toBe(true);
    expect(hasPermission(support, "alert:acknowledge")).toBe(false);
  });

  it("limits organisations", () => {
    expect(canAccessOrganization(admin, "org-a")).toBe(true);
    expect(canAccessOrganization(admin, "org-b")).toBe(false);
    expect(canAccessOrganization(cpo, "org-b")).toBe(false);
    expect(canAccessOrganization(support, "org-b")).toBe(true);
    expect(organizationScope(admin)).toEqual({ kind: "one", organizationId: "org-a" });
    expect(organizationScope(support)).toEqual({ kind: "all" });
    expect(() => organizationScope({ ...admin, organizationId: null })).toThrow();
  });
});
