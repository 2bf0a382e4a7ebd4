// A stand-in device-manager client for action tests: records what would be sent.
import { randomUUID } from "node:crypto";
import type {
  TestOcppConnectionInput,
  TestOcppConnectionResponse,
} from "@plugboard/device-contract";
import { DeviceManagerUnavailableError, type DeviceManagerClient } from "./client";

export type SentCommand = {
  serial: string;
  kind: string;
  payload: Record<string, unknown>;
  key: string;
};

export type SentTest = { serial: string } & TestOcppConnectionInput;

export function stubDeviceManager(
  sent: SentCommand[],
  options: {
    unreachable?: boolean;
    /** What a connection test answers (connected by default); each request is recorded. */
    testAnswer?: TestOcppConnectionResponse;
    tests?: SentTest[];
  } = {},
): DeviceManagerClient {
  const accepted = new Map<string, string>();
  return {
    async registerCharger() {},
    async getShadow() {
      throw new Error("the stub device manager keeps no shadows");
    },
    async getCommand() {
      throw new Error("the stub device manager keeps no commands");
    },
    async testOcppConnection(serial, request) {
      if (options.unreachable) throw new DeviceManagerUnavailableError("connection failed");
      options.tests?.push({ serial, ...request });
      const source = request.password ? "given" : request.useSavedPassword ? "saved" : "none";
      return options.testAnswer ?? { outcome: "connected", durationMs: 12, password: source };
    },
    async sendCommand(serial, { kind, payload = {} }, key) {
      if (options.unreachable) throw new DeviceManagerUnavailableError("connection failed");
      // Same idempotency key, same command, sent once: like the real device manager.
      const existing = accepted.get(`${serial}:${key}`);
      if (existing)
        return {
          commandId: existing,
          status: "queued",
          configVersion: sent.length,
          duplicate: true,
        };
      sent.push({ serial, kind, payload, key });
      const commandId = randomUUID();
      accepted.set(`${serial}:${key}`, commandId);
      return { commandId, status: "queued", configVersion: sent.length, duplicate: false };
    },
  };
}
