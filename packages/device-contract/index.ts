// What the portal, the device manager and the chargers agree on: the charger's reported
// state, the device-channel frames, the command API's requests and responses, and the
// signed event webhook.
export * from "./events";
export * from "./event-signature";
export * from "./channel-frames";
export * from "./command-api";
export * from "./channel-auth";
