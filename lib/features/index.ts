// Features by plan × OCPP state × VPN × model: the table, the check, the plans.
export * from "./plans";
export * from "./table";
export * from "./check";
