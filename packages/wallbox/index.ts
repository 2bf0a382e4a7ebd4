// The Wallbox domain: part numbers and models, setting rules, the feature codec, firmware
// versions, the RFID UID converter and the words of their refusals (message keys, or English).
// Pure functions and zod schemas, safe in a browser.
export * from "./part-numbers";
export * from "./setting-rules";
export * from "./feature-codec";
export * from "./firmware";
export * from "./rfid-uid";
export * from "./messages";
