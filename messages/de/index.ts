// The de messages, one JSON file per part of the portal (lib/i18n/messages.ts loads them).
import common from "./common.json";
import errors from "./errors.json";
import actions from "./actions.json";
import auth from "./auth.json";
import fleet from "./fleet.json";
import charger from "./charger.json";
import ocpp from "./ocpp.json";
import features from "./features.json";
import chargerSettings from "./chargerSettings.json";
import wallbox from "./wallbox.json";
import rfid from "./rfid.json";
import audit from "./audit.json";
import account from "./account.json";
import terms from "./terms.json";
import profile from "./profile.json";
import sites from "./sites.json";
import chargerImport from "./import.json";
import bulk from "./bulk.json";
import alerts from "./alerts.json";
import dashboard from "./dashboard.json";
import users from "./users.json";
import apiTokens from "./apiTokens.json";
import webhooks from "./webhooks.json";

const messages = {
  common,
  errors,
  actions,
  auth,
  fleet,
  charger,
  ocpp,
  features,
  chargerSettings,
  wallbox,
  rfid,
  audit,
  account,
  terms,
  profile,
  sites,
  import: chargerImport,
  bulk,
  alerts,
  dashboard,
  users,
  apiTokens,
  webhooks,
};
export default messages;
