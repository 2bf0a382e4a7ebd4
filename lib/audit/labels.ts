// Words for the audit log's action names and outcomes, as messages (audit.actions.<key>,
// audit.outcomes.<key>); an action this version does not know shows as it is recorded.
import { msg, verbatim, type Message } from "@/lib/i18n/message";

const ACTION_KEYS = {
  "charger.add": "chargerAdd",
  "ocpp.configure": "ocppConfigure",
  "ocpp.test_connection": "ocppTestConnection",
  "charger.restart": "chargerRestart",
  "charger.factory_reset": "chargerFactoryReset",
  "charger.set_feature": "chargerSetFeature",
  "charger.firmware_update": "chargerFirmwareUpdate",
  "charger.rfid_card.add": "rfidCardAdd",
  "charger.rfid_card.remove": "rfidCardRemove",
  "charger.rfid_card.sync": "rfidCardSync",
  "site.create": "siteCreate",
  "site.update": "siteUpdate",
  "site.delete": "siteDelete",
  "charger.site": "chargerSite",
  "organization.change-plan": "organizationChangePlan",
  "audit.export": "auditExport",
  "chargers.export": "chargersExport",
  "bulk.ocpp.start": "bulkOcppStart",
  "bulk.ocpp.finish": "bulkOcppFinish",
  "bulk.ocpp.cancel": "bulkOcppCancel",
  "bulk.ocpp.retry": "bulkOcppRetry",
  "alert.rule.create": "alertRuleCreate",
  "alert.rule.update": "alertRuleUpdate",
  "alert.rule.delete": "alertRuleDelete",
  "alert.acknowledge": "alertAcknowledge",
  "alert.webhook.create": "alertWebhookCreate",
  "alert.webhook.update": "alertWebhookUpdate",
  "alert.webhook.delete": "alertWebhookDelete",
  "webhook.create": "webhookCreate",
  "webhook.update": "webhookUpdate",
  "webhook.enable": "webhookEnable",
  "webhook.disable": "webhookDisable",
  "webhook.delete": "webhookDelete",
  "webhook.resend": "webhookResend",
  "chargers.import": "chargersImport",
  "account.sign_out_everywhere": "accountSignOutEverywhere",
  "account.two_step_on": "accountTwoStepOn",
  "account.two_step_off": "accountTwoStepOff",
  "account.password_change": "accountPasswordChange",
  "user.invite": "userInvite",
  "user.invite_revoke": "userInviteRevoke",
  "user.join": "userJoin",
  "user.role": "userRole",
  "user.deactivate": "userDeactivate",
  "user.reactivate": "userReactivate",
  "api_token.create": "apiTokenCreate",
  "api_token.revoke": "apiTokenRevoke",
} as const;

export function auditActionLabel(action: string): Message {
  return Object.hasOwn(ACTION_KEYS, action)
    ? msg(`audit.actions.${ACTION_KEYS[action as keyof typeof ACTION_KEYS]}`)
    : verbatim(action);
}

const OUTCOMES = ["pending", "success", "failure"] as const;

export function outcomeLabel(outcome: string): Message {
  return (OUTCOMES as readonly string[]).includes(outcome)
    ? msg(`audit.outcomes.${outcome as (typeof OUTCOMES)[number]}`)
    : verbatim(outcome);
}
