// OCPP 1.6J as every process speaks it: message types generated from the official JSON
// schemas, strict validators, a typed call wrapper over ocpp-rpc, and frame redaction.
export * from "./ocpp16.generated";
export * from "./typed-rpc";
export * from "./validate";
export * from "./redact";
export * from "./call-error-codes";
