// Every server action, so one test can prove each refuses the wrong callers and another that
// no file under lib/actions/<domain>/ exports an action missing from this list.
import "server-only";
import type { PublicServerAction, ServerAction } from "./server";
import { adoptBrowserTimeZoneAction } from "./account/adopt-browser-time-zone";
import { confirmTwoStepSetupAction } from "./account/confirm-two-step-setup";
import { savePreferencesAction } from "./account/save-preferences";
import { signOutEverywhereAction } from "./account/sign-out-everywhere";
import { startTwoStepSetupAction } from "./account/start-two-step-setup";
import { turnOffTwoStepAction } from "./account/turn-off-two-step";
import { addChargerAction } from "./chargers/add-charger";
import { factoryResetChargerAction } from "./chargers/factory-reset-charger";
import { importChargersAction } from "./chargers/import-chargers";
import { restartChargerAction } from "./chargers/restart-charger";
import { addRfidCardAction } from "./charger-features/add-rfid-card";
import { removeRfidCardAction } from "./charger-features/remove-rfid-card";
import { setChargerFeatureAction } from "./charger-features/set-charger-feature";
import { saveOcppSettingsAction } from "./ocpp/save-ocpp-settings";
import { testOcppConnectionAction } from "./ocpp/test-ocpp-connection";
import { changePlanAction } from "./organizations/change-plan";
import { assignChargerSiteAction } from "./sites/assign-charger-site";
import { cancelBulkJobAction } from "./bulk/cancel-bulk-job";
import { retryFailedBulkItemsAction } from "./bulk/retry-failed-bulk-items";
import { startBulkOcppAction } from "./bulk/start-bulk-ocpp";
import { deleteSiteAction } from "./sites/delete-site";
import { acknowledgeAlertAction } from "./alerts/acknowledge-alert";
import { deleteAlertRuleAction } from "./alerts/delete-alert-rule";
import { saveAlertRuleAction } from "./alerts/save-alert-rule";
import { setAlertRuleEnabledAction } from "./alerts/set-alert-rule-enabled";
import { saveSiteAction } from "./sites/save-site";
import { changePasswordAction } from "./account/change-password";
import { createApiTokenAction } from "./api-tokens/create-api-token";
import { revokeApiTokenAction } from "./api-tokens/revoke-api-token";
import { acceptInvitationAction } from "./users/accept-invitation";
import { changeUserRoleAction } from "./users/change-user-role";
import { inviteUserAction } from "./users/invite-user";
import { revokeInvitationAction } from "./users/revoke-invitation";
import { setUserActiveAction } from "./users/set-user-active";
import { createWebhookEndpointAction } from "./webhooks/create-webhook-endpoint";
import { deleteWebhookEndpointAction } from "./webhooks/delete-webhook-endpoint";
import { resendWebhookDeliveryAction } from "./webhooks/resend-webhook-delivery";
import { setWebhookEndpointEnabledAction } from "./webhooks/set-webhook-endpoint-enabled";
import { updateWebhookEndpointAction } from "./webhooks/update-webhook-endpoint";

export const ALL_SERVER_ACTIONS: ReadonlyArray<Pick<ServerAction<unknown>, "definition">> = [
  addChargerAction,
  saveOcppSettingsAction,
  testOcppConnectionAction,
  restartChargerAction,
  factoryResetChargerAction,
  changePlanAction,
  setChargerFeatureAction,
  addRfidCardAction,
  removeRfidCardAction,
  signOutEverywhereAction,
  startTwoStepSetupAction,
  confirmTwoStepSetupAction,
  turnOffTwoStepAction,
  savePreferencesAction,
  adoptBrowserTimeZoneAction,
  saveSiteAction,
  deleteSiteAction,
  assignChargerSiteAction,
  importChargersAction,
  startBulkOcppAction,
  cancelBulkJobAction,
  retryFailedBulkItemsAction,
  saveAlertRuleAction,
  setAlertRuleEnabledAction,
  deleteAlertRuleAction,
  acknowledgeAlertAction,
  changePasswordAction,
  inviteUserAction,
  changeUserRoleAction,
  setUserActiveAction,
  revokeInvitationAction,
  createApiTokenAction,
  revokeApiTokenAction,
  createWebhookEndpointAction,
  updateWebhookEndpointAction,
  setWebhookEndpointEnabledAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
];

/**
 * The few actions anyone may call without a session, each with why; their own tests prove
 * what they accept (a registry test fails when an action file is in neither list).
 */
export const PUBLIC_SERVER_ACTIONS: ReadonlyArray<{
  action: Pick<PublicServerAction<unknown>, "publicDefinition">;
  why: string;
  provedBy: string;
}> = [
  {
    action: acceptInvitationAction,
    why: "the invitation link's single-use token is the credential of a person without an account",
    provedBy: "lib/users/users.int.test.ts, e2e/users.spec.ts",
  },
];

export const ALL_ACTIONS = ALL_SERVER_ACTIONS.map((action) => action.definition);
