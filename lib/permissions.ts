// Who may do what: one table for every role, and the organisation rule beside it.
import type { Role } from "@/db/schema";
import type { Theme } from "@/lib/account/preferences";
import type { Locale } from "@/lib/i18n/locales";

export type Permission =
  | "charger:read"
  | "charger:create"
  | "charger:configure-ocpp"
  | "charger:restart"
  | "charger:factory-reset"
  | "charger:set-feature"
  | "site:manage"
  | "charger:bulk-configure-ocpp"
  | "alert:manage"
  | "alert:acknowledge"
  | "organization:change-plan"
  | "audit:read"
  | "account:sign-out-everywhere"
  | "account:two-step"
  | "account:preferences"
  | "account:change-password"
  | "user:manage"
  | "api-token:manage"
  | "webhook:manage"
  | "organization:read-sign-in-failures";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** null for support staff, who work across organisations. */
  organizationId: string | null;
  /** Saved preferences (/settings/profile); absent or null: not chosen yet. */
  locale?: Locale | null;
  timeZone?: string | null;
  theme?: Theme | null;
}

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    "charger:read",
    "charger:create",
    "charger:configure-ocpp",
    "charger:restart",
    "charger:factory-reset",
    "charger:set-feature",
    "site:manage",
    // Their own organisation's people: invitations, roles, deactivation.
    "user:manage",
    // API tokens of their own organisation (Business plan: lib/features/table.ts).
    "api-token:manage",
    // Webhook endpoints of their own organisation (lib/webhooks).
    "webhook:manage",
    "charger:bulk-configure-ocpp",
    "alert:manage",
    "alert:acknowledge",
    "organization:change-plan",
    "organization:read-sign-in-failures",
    "audit:read",
    "account:sign-out-everywhere",
    "account:two-step",
    "account:preferences",
    "account:change-password",
  ]),
  // CPOs read everything in their organisation (its audit log too) and change nothing but
  // their own profile; they do acknowledge alerts (operating the fleet, not configuring it).
  cpo: new Set<Permission>([
    "charger:read",
    "alert:acknowledge",
    "audit:read",
    "account:sign-out-everywhere",
    "account:two-step",
    "account:preferences",
    "account:change-password",
  ]),
  support: new Set<Permission>([
    "charger:read",
    // Support configures an organisation's chargers in bulk on its behalf (issue: fleet ops).
    "charger:bulk-configure-ocpp",
    "charger:restart",
    "charger:factory-reset",
    "audit:read",
    "account:sign-out-everywhere",
    "account:two-step",
    "account:preferences",
    "account:change-password",
  ]),
};

/** What every signed-in person may do to their own account, whatever their role. */
export const EVERY_ROLE_PERMISSIONS: ReadonlySet<Permission> = new Set([
  "account:sign-out-everywhere",
  "account:two-step",
  "account:preferences",
  "account:change-password",
]);

export function hasPermission(user: SessionUser, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].has(permission);
}

/** Support reaches every organisation; everyone else only their own. */
export function canAccessOrganization(user: SessionUser, organizationId: string): boolean {
  return user.role === "support" || user.organizationId === organizationId;
}

export type OrganizationScope = { kind: "all" } | { kind: "one"; organizationId: string };

/** The set of organisations a user's queries are limited to. */
export function organizationScope(user: SessionUser): OrganizationScope {
  if (user.role === "support") return { kind: "all" };
  if (!user.organizationId) throw new Error(`User ${user.id} has no organisation`);
  return { kind: "one", organizationId: user.organizationId };
}
