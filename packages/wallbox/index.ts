// The Wallbox domain: part numbers and models, setting rules, the feature codec, firmware
// versions and the RFID UID converter. Pure functions and zod schemas, safe in a browser.
export * from "./part-numbers";
export * from "./setting-rules";
export * from "./feature-codec";
export * from "./firmware";
export * from "./rfid-uid";
